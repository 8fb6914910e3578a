package io.ecslattice.localcloud.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the proxy did; thread-safe through its own lock (calls are few enough for that). */
final class StatsRecorder {

    private final Map<String, long[]> counts = new TreeMap<>();
    private final List<String> startedTaskArns = new ArrayList<>();

    synchronized void forwarded(AwsCall call) {
        slot(call)[0]++;
    }

    synchronized void answered(AwsCall call, FaultDecider.Decision decision) {
        int index = decision.fault() == null ? 4 : 1 + decision.fault().ordinal();
        slot(call)[index]++;
    }

    synchronized void tasksStarted(List<String> arns) {
        startedTaskArns.addAll(arns);
    }

    synchronized FaultStats snapshot() {
        Map<String, FaultStats.CallCounts> calls = new TreeMap<>();
        counts.forEach((key, c) -> calls.put(key, new FaultStats.CallCounts(c[0], c[1], c[2], c[3], c[4])));
        return new FaultStats(calls, startedTaskArns);
    }

    private long[] slot(AwsCall call) {
        return counts.computeIfAbsent(call.key(), key -> new long[5]);
    }
}
