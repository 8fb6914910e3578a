package io.ecslattice.executor;

import io.ecslattice.wire.TaskResult;
import java.util.Map;
import java.util.Objects;

/**
 * How a task ended: its result, plus what the executor learned while it ran (for ECS: stopCode,
 * stoppedReason, exitCode, logStream), merged by the dispatcher into the node's stored details.
 */
public record TaskOutcome(TaskResult result, Map<String, String> details) {
    public TaskOutcome {
        Objects.requireNonNull(result, "result");
        details = Map.copyOf(details);
    }
}
