package io.ecslattice.ui;

import java.time.Instant;
import java.util.Map;

/**
 * One ended attempt of a node as the node page lists it.
 *
 * @param attempt   1 for the first
 * @param status    COMPLETED, FAILED or CANCELLED
 * @param cause     electron, timeout or infrastructure for a failure; null otherwise
 * @param error     its error; null when it succeeded
 * @param startedAt when the executor accepted it
 * @param endedAt   when it ended
 * @param next      what followed, e.g. "retried after 200 ms"; null for the last attempt
 * @param details   what the executor recorded for this attempt (task ARN, stoppedReason, infrastructure retries)
 */
public record AttemptView(int attempt, String status, String cause, ErrorView error, Instant startedAt, Instant endedAt,
                          String next, Map<String, String> details) {

    public AttemptView {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
