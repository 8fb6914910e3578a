package io.ecslattice.localcloud.faults;

import java.util.List;
import java.util.Map;

/**
 * What the proxy did so far.
 *
 * @param calls           per {@link AwsCall#key()}: how many calls were forwarded and how many got each fault
 * @param startedTaskArns every task ARN that a forwarded, successful RunTask answer carried, in order,
 *                        repeats included (a repeat means RunTask returned an existing task, e.g. for a
 *                        reused clientToken)
 */
public record FaultStats(Map<String, CallCounts> calls, List<String> startedTaskArns) {

    public FaultStats {
        calls = Map.copyOf(calls);
        startedTaskArns = List.copyOf(startedTaskArns);
    }

    /** The counts of one call key, zeros when it was never seen. */
    public CallCounts of(String key) {
        return calls.getOrDefault(key, new CallCounts(0, 0, 0, 0, 0));
    }

    /** Faults of every kind answered so far, over all calls. */
    public long faultsAnswered() {
        return calls.values().stream().mapToLong(CallCounts::faults).sum();
    }

    /**
     * Counts for one call key.
     *
     * @param forwarded calls passed to moto
     * @param throttle  calls answered with ThrottlingException / SlowDown
     * @param http429   calls answered with HTTP 429
     * @param http503   calls answered with HTTP 503
     * @param capacity  RunTask calls answered with a capacity failure
     */
    public record CallCounts(long forwarded, long throttle, long http429, long http503, long capacity) {
        /** Every call answered by the proxy itself. */
        public long faults() {
            return throttle + http429 + http503 + capacity;
        }
    }
}
