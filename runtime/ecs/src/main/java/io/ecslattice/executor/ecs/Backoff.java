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

    /**
     * The wait before trying again after a quota refusal: between half the longest delay and the longest, every time,
     * since vCPUs come back only as running tasks stop (minutes), and a try each second would only add to the noise.
     */
    Duration quotaDelay() {
        long half = max.toNanos() / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(Math.max(1, max.toNanos() - half) + 1));
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
