package io.ecslattice.store;

import java.time.Instant;

/** One node as a dispatch's graph shows it: identity, state and times, without payloads. */
public record NodeSummary(String id, String name, Status status, String executor, int attempt,
                          Instant pendingAt, Instant startedAt, Instant endedAt, String errorType) {
}
