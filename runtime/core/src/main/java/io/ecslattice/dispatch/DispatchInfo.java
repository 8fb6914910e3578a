package io.ecslattice.dispatch;

import java.time.Instant;

/**
 * One dispatch as lists show it: status and progress, without its nodes or value.
 *
 * @param id              the dispatch id
 * @param name            the lattice's name
 * @param status          NEW, PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param terminal        true once it ended
 * @param createdAt       when it was dispatched
 * @param startedAt       when its first node started running; null before
 * @param endedAt         when it ended; null before
 * @param progress        its nodes by state
 * @param errorNode       the id of the node whose failure failed it; null otherwise
 * @param errorMessage    why it failed or was cancelled; null otherwise
 * @param cancelRequested true once someone asked to cancel it
 */
public record DispatchInfo(String id, String name, String status, boolean terminal, Instant createdAt, Instant startedAt,
                           Instant endedAt, DispatchState.Progress progress, String errorNode, String errorMessage,
                           boolean cancelRequested) {

    /** True when it ended with a value. */
    public boolean completed() {
        return status.equals("COMPLETED");
    }
}
