package io.ecslattice.executor;

import io.ecslattice.wire.TaskResult;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a task ended: its result, plus what the executor learned while it ran (for ECS: stopCode,
 * stoppedReason, exitCode, logStream), merged by the dispatcher into the node's stored details.
 */
public record TaskOutcome(TaskResult result, Map<String, String> details) {
    /**
     * The details key an executor sets when the task failed for a reason outside the electron that a new attempt
     * may not meet (capacity reclaimed, a start that timed out); its value says what happened. The dispatcher
     * starts such a node again, a bounded number of times.
     */
    public static final String INFRASTRUCTURE_FAILURE = "infrastructureFailure";

    public TaskOutcome {
        Objects.requireNonNull(result, "result");
        details = Map.copyOf(details);
    }

    /** What stopped the task, when it failed for a reason outside the electron and may succeed if started again. */
    public Optional<String> infrastructureFailure() {
        return result.succeeded() ? Optional.empty() : Optional.ofNullable(details.get(INFRASTRUCTURE_FAILURE));
    }
}
