package io.ecslattice.executor.ecs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (AWS's recommendation): the n-th retry waits a random time
 * between 0 and min(max, base * 2^(n-1)), so clients that failed together do not retry together.
 */
record Backoff(Duration base, Duration max) {

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        long ceiling = Math.min(max.toNanos(), base.toNanos() << Math.min(retry - 1, 30));
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1));
    }

    /** Blocks for {@link #delay}; only for the rare, already synchronous task-definition registration. */
    void sleep(int retry, String why) {
        try {
            Thread.sleep(delay(retry).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry: " + why, e);
        }
    }
}
