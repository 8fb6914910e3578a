package io.ecslattice.ui;

import java.util.Objects;

/**
 * The answer to a cancel request.
 *
 * @param dispatchId the dispatch
 * @param accepted   true when the cancel was recorded; false when the dispatch had already ended
 * @param status     the dispatch's status after the request
 * @param message    a sentence for the user
 */
public record CancelResult(String dispatchId, boolean accepted, String status, String message) {
    public CancelResult {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(status, "status");
    }
}
