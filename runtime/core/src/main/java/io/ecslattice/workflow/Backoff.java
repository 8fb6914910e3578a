package io.ecslattice.workflow;

import io.ecslattice.graph.GraphException;
import io.ecslattice.graph.RetrySpec;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a retried electron waits before its next attempt: {@link #fixed}, {@link #exponential}, either
 * with {@link #jitter} so many failed tasks do not all come back at once.
 */
public final class Backoff {

    private final RetrySpec.BackoffSpec spec;

    private Backoff(RetrySpec.BackoffSpec spec) {
        this.spec = spec;
    }

    /** Retry at once. */
    public static Backoff none() {
        return new Backoff(RetrySpec.BackoffSpec.NONE);
    }

    /** The same wait before every retry. */
    public static Backoff fixed(Duration delay) {
        long ms = millis(delay, "Backoff.fixed");
        return of(ms, ms, 1);
    }

    /** {@code initial} before the first retry, doubling each time up to {@code max}. */
    public static Backoff exponential(Duration initial, Duration max) {
        return of(millis(initial, "Backoff.exponential initial"), millis(max, "Backoff.exponential max"), 2);
    }

    /** This backoff with each wait picked at random between {@code (1 - fraction)} of it and all of it. */
    public Backoff jitter(double fraction) {
        try {
            return new Backoff(new RetrySpec.BackoffSpec(spec.initialMillis(), spec.maxMillis(), spec.multiplier(), fraction));
        } catch (GraphException e) {
            throw new WorkflowException(e.getMessage() + "; e.g. jitter(0.5)", e);
        }
    }

    RetrySpec.BackoffSpec spec() {
        return spec;
    }

    private static Backoff of(long initial, long max, double multiplier) {
        try {
            return new Backoff(new RetrySpec.BackoffSpec(initial, max, multiplier, 0));
        } catch (GraphException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    private static long millis(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new WorkflowException(what + " of " + duration + " is negative; give Duration.ZERO or more");
        }
        return duration.toMillis();
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
