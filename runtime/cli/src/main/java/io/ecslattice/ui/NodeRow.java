package io.ecslattice.ui;

import java.time.Instant;
import java.util.Objects;

/**
 * One node of a dispatch as the graph and the node table show it.
 *
 * @param id         the node id within the dispatch
 * @param name       the electron's name (its method)
 * @param executor   the executor name, e.g. {@code local} or {@code ecs}
 * @param status     NEW, PENDING, RUNNING, COMPLETED, CACHED, FAILED or CANCELLED
 * @param startedAt  null before the node started
 * @param endedAt    null while it runs
 * @param durationMs end (or now, while running) minus start
 * @param taskArn    the ECS task ARN when an ECS executor recorded one, else null
 * @param pendingAt  when its inputs were ready (it queued for its executor from then until startedAt); null before
 * @param cachedFrom for a CACHED node, the dispatch whose run produced its value; else null
 * @param group      the sublattice it belongs to ("inner", "outer/inner"); null at top level
 * @param parent     for an item of a run-time fan-out, its map node's id; else null
 */
public record NodeRow(
        String id,
        String name,
        String executor,
        String status,
        Instant startedAt,
        Instant endedAt,
        Long durationMs,
        String taskArn,
        Instant pendingAt,
        String cachedFrom,
        String group,
        String parent) {

    public NodeRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
