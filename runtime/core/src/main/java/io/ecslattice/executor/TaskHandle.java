package io.ecslattice.executor;

import java.util.Map;
import java.util.Objects;

/**
 * Identifies a started task, stored in the results store as soon as the executor returns it.
 *
 * @param executor the {@link Executor#name()} that started it
 * @param ref      the executor's own id for it (a process id, an ECS task ARN)
 * @param details  executor-specific facts to show users, e.g. {@code taskArn}, {@code logStream};
 *                 the UI and CLI print them as they are
 */
public record TaskHandle(String executor, String ref, Map<String, String> details) {
    public TaskHandle {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(ref, "ref");
        details = Map.copyOf(details);
    }
}
