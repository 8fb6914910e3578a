package io.ecslattice.dispatch;

import java.time.Instant;
import java.util.Map;

/**
 * One node as a dispatch's graph shows it: identity, state, times and executor facts, without payloads.
 *
 * @param id         the node id within the dispatch
 * @param name       the electron's name
 * @param status     NEW, PENDING, RUNNING, COMPLETED, CACHED, FAILED or CANCELLED
 * @param terminal   true once it ended (COMPLETED, CACHED, FAILED, CANCELLED)
 * @param executor   the name of the executor that runs it
 * @param attempt    0 before it was first made ready, then the attempt number
 * @param pendingAt  when its inputs were ready; null before
 * @param startedAt  when its executor accepted it; null before
 * @param endedAt    when it ended; null before
 * @param errorType  its error's type when it failed or did not run; null otherwise
 * @param cachedFrom for a CACHED node, the dispatch whose run produced its value; null otherwise
 * @param group      the sublattice it was inlined from ("inner", "outer/inner"); null at top level
 * @param parent     for an item of a run-time fan-out, its map node's id; null otherwise
 * @param details    what its executor recorded (ECS taskArn, stoppedReason, exitCode, logStream, cost estimate)
 */
public record NodeInfo(String id, String name, String status, boolean terminal, String executor, int attempt,
                       Instant pendingAt, Instant startedAt, Instant endedAt, String errorType, String cachedFrom,
                       String group, String parent, Map<String, String> details) {

    public NodeInfo {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
