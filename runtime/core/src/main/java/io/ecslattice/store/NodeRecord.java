package io.ecslattice.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.TaskError;
import java.time.Instant;
import java.util.Map;

/**
 * Everything stored about one node.
 *
 * @param dispatchId the dispatch
 * @param id         the node id within the dispatch
 * @param name       the electron's method name
 * @param status     its state
 * @param executor   the name of the executor that runs it
 * @param attempt    0 before it was first made ready, then the attempt number sent in its task spec
 * @param className  the electron's class
 * @param methodName the electron's method
 * @param inputs     the arguments as sent (a JSON array); null before the node was ready
 * @param output     the value it returned; null unless completed
 * @param error      why it failed or did not run; null otherwise
 * @param stdout     its captured standard output
 * @param stderr     its captured standard error
 * @param handle     the executor's handle, stored as soon as the executor accepted the task; null before
 * @param details    executor facts (ECS taskArn, stoppedReason, exitCode, logStream; a child JVM's pid)
 * @param pendingAt  when its inputs were ready
 * @param startedAt  when the executor accepted it
 * @param endedAt    when it reached a terminal state
 * @param cachedFrom for a CACHED node, the dispatch whose run produced the reused value; null otherwise
 * @param group      the sublattice the node was inlined from; null at top level
 * @param parent     the map node it is an item of; null otherwise
 */
public record NodeRecord(String dispatchId, String id, String name, Status status, String executor, int attempt,
                         String className, String methodName, JsonNode inputs, JsonNode output, TaskError error,
                         String stdout, String stderr, StoredHandle handle, Map<String, String> details,
                         Instant pendingAt, Instant startedAt, Instant endedAt, String cachedFrom, String group,
                         String parent) {

    public NodeRecord {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
