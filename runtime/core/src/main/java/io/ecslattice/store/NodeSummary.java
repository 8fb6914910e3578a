package io.ecslattice.store;

import java.time.Instant;

/**
 * One node as a dispatch's graph shows it: identity, state and times, without payloads; for a CACHED
 * node the dispatch its value came from, for an inlined sublattice's node its group, for an item of a
 * run-time fan-out its map node.
 */
public record NodeSummary(String id, String name, Status status, String executor, int attempt,
                          Instant pendingAt, Instant startedAt, Instant endedAt, String errorType, String cachedFrom,
                          String group, String parent) {
}
