package io.ecslattice.store;

import java.util.Map;
import java.util.Objects;

/**
 * A task's handle as the store keeps it: enough for any process to find the task again through the
 * executor named here, without the store knowing what an executor is.
 *
 * @param executor the name of the executor that started the task
 * @param ref      the executor's own id for it (a process id, an ECS task ARN)
 * @param details  executor facts shown to users, e.g. {@code taskArn}, {@code logStream}
 */
public record StoredHandle(String executor, String ref, Map<String, String> details) {
    public StoredHandle {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(ref, "ref");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
