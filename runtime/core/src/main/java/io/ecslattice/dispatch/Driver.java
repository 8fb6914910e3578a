package io.ecslattice.dispatch;

import java.time.Instant;

/**
 * The process that holds the right to drive a dispatch (its lease in the results store).
 *
 * @param owner     {@code pid@host/nonce} of the process
 * @param expiresAt when the right ends unless the process renews it
 * @param live      true while the lease is unexpired and its process is not known to be dead: it drives the dispatch
 */
public record Driver(String owner, Instant expiresAt, boolean live) {
}
