package io.ecslattice.conformance;

import java.time.Instant;

/**
 * One node of a dispatch as the results store has it (what {@code ecs-lattice status} and the UI show), for
 * the facts a row checks beyond the dispatch's value: which nodes ran, how often, in what order, what they printed.
 *
 * @param id         node id (e.g. {@code 3}, or {@code 1[15]} for a map item)
 * @param name       the electron's name
 * @param status     NEW, PENDING, RUNNING, COMPLETED, CACHED, FAILED or CANCELLED
 * @param attempt    the number of the last attempt sent (0: never made ready)
 * @param started    true when an executor accepted a task for it
 * @param startedAt  when the executor accepted it; null before
 * @param endedAt    when it ended; null before
 * @param output     its value as JSON text; null unless it has one
 * @param stdout     its captured standard output
 * @param stderr     its captured standard error
 * @param group      the sublattice it was inlined from; null at top level
 * @param cachedFrom for a CACHED node, the dispatch whose value it reused
 */
public record NodeView(String id, String name, String status, int attempt, boolean started, Instant startedAt, Instant endedAt,
                       String output, String stdout, String stderr, String group, String cachedFrom) {
}
