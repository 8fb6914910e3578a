package io.ecslattice.ui;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the dispatch list.
 *
 * @param id           the dispatch id
 * @param workflowName the lattice's name
 * @param status       NEW, PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param done         nodes that have ended (completed, failed or cancelled)
 * @param completed    nodes that completed (cached ones included)
 * @param failed       nodes that failed
 * @param cancelled    nodes that were cancelled (or never ran because the dispatch ended)
 * @param total        nodes in the graph
 * @param startedAt    when the dispatch started; null before
 * @param endedAt      when it ended; null while it runs
 * @param durationMs   end (or now, while running) minus start; null before it started
 */
public record DispatchRow(
        String id,
        String workflowName,
        String status,
        int done,
        int completed,
        int failed,
        int cancelled,
        int total,
        Instant startedAt,
        Instant endedAt,
        Long durationMs) {

    public DispatchRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
