package io.ecslattice.graph;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When and how often a failed electron is tried again, as stored with the graph.
 *
 * @param retries          how many times a failed attempt is tried again (at most {@code retries + 1} attempts)
 * @param backoff          how long to wait before each retry
 * @param retryOn          binary names of the exception types that retry (a subtype matches too); empty with
 *                         no predicate and no {@code retryTimeouts} means every failure retries
 * @param retryTimeouts    whether a timeout retries when {@code retryOn} or a predicate narrows the failures
 * @param predicateClass   class of a static {@code boolean m(Failure)} method that decides, its parameter the API's
 *                         record of (type, message); null for none
 * @param predicateMethod  that method's name
 */
public record RetrySpec(int retries, BackoffSpec backoff, List<String> retryOn, boolean retryTimeouts,
                        String predicateClass, String predicateMethod) {

    public RetrySpec {
        if (retries < 0) {
            throw new GraphException("retries=" + retries + " must be 0 or more (the number of tries after the first)");
        }
        backoff = backoff == null ? BackoffSpec.NONE : backoff;
        retryOn = retryOn == null ? List.of() : List.copyOf(retryOn);
        if ((predicateClass == null) != (predicateMethod == null)) {
            throw new GraphException("a retry predicate needs both its class and its method");
        }
    }

    /** True when any failure retries: nothing narrows them. */
    public boolean retriesEverything() {
        return retryOn.isEmpty() && predicateClass == null && !retryTimeouts;
    }

    /**
     * How long to wait between attempts.
     *
     * @param initialMillis the wait before the first retry
     * @param maxMillis     the longest wait (exponential growth stops there)
     * @param multiplier    1 for a fixed wait, 2 to double each time
     * @param jitter        0 for exact waits; f in (0, 1] picks each wait at random in [d * (1 - f), d]
     */
    public record BackoffSpec(long initialMillis, long maxMillis, double multiplier, double jitter) {

        /** Retry at once. */
        public static final BackoffSpec NONE = new BackoffSpec(0, 0, 1, 0);

        public BackoffSpec {
            if (initialMillis < 0 || maxMillis < initialMillis) {
                throw new GraphException("backoff of " + initialMillis + " ms up to " + maxMillis
                        + " ms: the delay must be 0 or more and the maximum at least the delay");
            }
            if (multiplier < 1) {
                throw new GraphException("backoff multiplier " + multiplier + " must be 1 (fixed) or more (exponential)");
            }
            if (jitter < 0 || jitter > 1) {
                throw new GraphException("backoff jitter " + jitter + " must be between 0 and 1");
            }
        }

        /** The wait before retry number {@code retry} (1 for the first retry); {@code random} gives values in [0, 1). */
        public Duration delay(int retry, DoubleSupplier random) {
            Objects.requireNonNull(random, "random");
            double grown = initialMillis * Math.pow(multiplier, Math.max(0, retry - 1));
            double capped = Math.min(grown, maxMillis);
            double jittered = capped * (1 - jitter * random.getAsDouble());
            return Duration.ofMillis(Math.round(jittered));
        }
    }
}
