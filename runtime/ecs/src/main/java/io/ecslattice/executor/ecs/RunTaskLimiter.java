package io.ecslattice.executor.ecs;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that keeps this client's RunTask calls under ECS's published rate (20 a second after
 * a burst) instead of bouncing off throttling. Callers reserve a slot and are told how long to wait;
 * nobody blocks a thread.
 */
final class RunTaskLimiter {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    RunTaskLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes one slot; the call may go out after the returned delay (zero while the burst lasts). */
    synchronized Duration reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perNano));
    }
}
