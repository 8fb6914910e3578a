package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.executor.TaskResources;
import io.ecslattice.wire.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Pool mode ({@code mode = "pool"}): electrons go to the pool shape's work queue and run on warm workers
 * ({@link WorkerPool}); an electron has no task of its own, so a timeout cancels it (its worker interrupts it) and
 * its log lines are in its result. Every worker has the executor's size: an electron that asks for another is refused.
 */
final class PoolMode implements Mode<PoolModeHandle> {
    private final String executorName;
    private final DispatchImages images;
    private final SpecStaging staging;
    private final ExecutorService threads;
    private final WorkerPool pool;

    PoolMode(String executorName, DispatchImages images, SpecStaging staging, ExecutorService threads, WorkerPool pool) {
        this.executorName = executorName;
        this.images = images;
        this.staging = staging;
        this.threads = threads;
        this.pool = pool;
    }

    @Override
    public CompletableFuture<PoolModeHandle> submit(TaskSpec spec, TaskContext context, TaskResources resources) {
        if (!resources.isEmpty()) {
            throw new IllegalArgumentException("node " + spec.nodeId() + " asks for " + ElectronResources.describe(resources)
                    + ", but executor " + executorName + " has mode=pool, whose workers all have the executor's size"
                    + (resources.hasEnvironment() ? ", env and secrets (give those in the executor's env/secrets settings: a"
                    + " pool of its own)" : "") + "; run it on an executor with mode=task");
        }
        // The image names the code version: a worker of another image hands the electron back.
        return images.taskDefinition(context).thenComposeAsync(arn -> pool.submit(staging.staged(spec), arn,
                images.image(spec.dispatchId()).orElseThrow().imageUri()), threads);
    }

    @Override
    public CompletableFuture<TaskOutcome> await(PoolModeHandle handle) {
        return pool.await(handle);
    }

    @Override
    public CompletableFuture<Void> cancel(PoolModeHandle handle) {
        return CompletableFuture.runAsync(() -> pool.cancel(handle), threads);
    }

    /** A pool electron has no task of its own: it is cancelled, so its worker interrupts it. */
    @Override
    public CompletableFuture<Void> stopForTimeout(PoolModeHandle handle, Duration limit) {
        return cancel(handle);
    }

    @Override
    public List<String> logs(PoolModeHandle handle, int maxLines) {
        return logsOf(handle);
    }

    /**
     * Where a pool electron's output is; an executor in task mode answers so too. The handle is stored before any
     * worker takes the electron, so it cannot name the worker.
     */
    static List<String> logsOf(PoolModeHandle handle) {
        return List.of("electron ran on pool worker (unknown); its output is in the result, the worker's log in "
                + handle.logGroup());
    }

    @Override
    public void dispatchEnded(String dispatchId) {
        pool.dispatchEnded(dispatchId);
    }

    @Override
    public void close() {
        pool.close();
    }
}
