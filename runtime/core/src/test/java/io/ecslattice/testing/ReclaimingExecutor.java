package io.ecslattice.testing;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An executor whose first {@code reclaimed} attempts of every task are taken away by the platform, as Fargate Spot
 * does, and whose later attempts succeed with the attempt number as the value. Stands in for capacity that cannot
 * be reclaimed on demand here; the ECS executor's own classification is tested against the local cloud.
 */
public final class ReclaimingExecutor implements Executor {
    private final int reclaimed;

    public ReclaimingExecutor(int reclaimed) {
        this.reclaimed = reclaimed;
    }

    @Override
    public String name() {
        return "reclaiming";
    }

    @Override
    public int maxInFlight() {
        return 4;
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        return CompletableFuture.completedFuture(new TaskHandle(name(), spec.nodeId() + "/attempt-" + spec.attempt(),
                Map.of("dispatchId", spec.dispatchId(), "nodeId", spec.nodeId(), "attempt", String.valueOf(spec.attempt()))));
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        int attempt = Integer.parseInt(handle.details().get("attempt"));
        Instant now = Instant.now();
        String dispatch = handle.details().get("dispatchId");
        String node = handle.details().get("nodeId");
        if (attempt <= reclaimed) {
            TaskResult lost = new TaskResult(Wire.VERSION, dispatch, node, null,
                    new TaskError("SpotInterruption", "Your Spot Task was interrupted.", ""), "", "", now, now);
            return CompletableFuture.completedFuture(new TaskOutcome(lost, Map.of("taskArn", handle.ref(),
                    TaskOutcome.INFRASTRUCTURE_FAILURE, "SpotInterruption: Your Spot Task was interrupted.")));
        }
        TaskResult result = new TaskResult(Wire.VERSION, dispatch, node, Wire.mapper().valueToTree(attempt), null, "", "", now, now);
        return CompletableFuture.completedFuture(new TaskOutcome(result, Map.of("taskArn", handle.ref())));
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
