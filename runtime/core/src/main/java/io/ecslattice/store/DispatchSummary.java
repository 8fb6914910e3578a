package io.ecslattice.store;

import java.time.Instant;

/**
 * One dispatch as lists show it.
 *
 * @param id              the dispatch id
 * @param name            the lattice's name
 * @param status          the dispatch's status
 * @param createdAt       when it was dispatched
 * @param startedAt       when its first node started running; null before
 * @param endedAt         when it reached a terminal status; null before
 * @param counts          its nodes by state
 * @param errorNode       the id of the node whose failure failed it; null otherwise
 * @param errorMessage    why it failed or was cancelled; null otherwise
 * @param cancelRequested true once someone asked to cancel it
 */
public record DispatchSummary(String id, String name, Status status, Instant createdAt, Instant startedAt,
                              Instant endedAt, NodeCounts counts, String errorNode, String errorMessage,
                              boolean cancelRequested) {
}
