package io.ecslattice.testing;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An executor that breaks in one chosen way, standing in for an executor bug or an outage that the real
 * executors here cannot be made to produce on demand.
 */
public final class BrokenExecutor implements Executor {

    /** Where it breaks. */
    public enum Fault { SUBMIT_THROWS, AWAIT_THROWS, AWAIT_FAILS_LATER, NULL_HANDLE }

    private final Fault fault;

    public BrokenExecutor(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "broken-" + fault.name().toLowerCase();
    }

    @Override
    public int maxInFlight() {
        return 2;
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        return switch (fault) {
            case SUBMIT_THROWS -> throw new IllegalStateException("no capacity in region");
            case NULL_HANDLE -> CompletableFuture.completedFuture(null);
            case AWAIT_THROWS, AWAIT_FAILS_LATER -> CompletableFuture.completedFuture(new TaskHandle(name(), "t-" + spec.nodeId(),
                    Map.of()));
        };
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        if (fault == Fault.AWAIT_FAILS_LATER) {
            // As an executor's worker thread fails it: the future completes with a CompletionException around the cause.
            return CompletableFuture.supplyAsync(() -> {
                throw new IllegalArgumentException("Illegal character in path at index 16: s3://bucket/1[9]/result.json");
            });
        }
        throw new IllegalStateException("status endpoint unreachable");
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
