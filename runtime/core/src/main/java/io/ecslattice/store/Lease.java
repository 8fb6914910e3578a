package io.ecslattice.store;

import java.time.Instant;

/** The right to drive a dispatch: held by {@code owner} until {@code expiresAt} unless renewed. */
public record Lease(String dispatchId, String owner, Instant expiresAt) {
}
