package io.ecslattice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.dispatch.DispatchException;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.Status;
import io.ecslattice.workflow.Result;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One local-executor row of the benchmark, in a JVM of its own: the fan-out of no-op electrons on the
 * local executor with the given {@code isolation}, timed from dispatch until the result is visible. A row
 * that reaches its time limit is cancelled and reports how many electrons it finished in that time.
 *
 * <pre>LocalBenchRun &lt;name&gt; &lt;isolation&gt; &lt;leaves&gt; &lt;out.json&gt; &lt;timeout-seconds&gt; &lt;work-dir&gt;</pre>
 */
public final class LocalBenchRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalBenchRun() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String isolation = args[1];
        int leaves = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        Path workDir = Path.of(args[5]);
        try (LocalExecutor executor = LocalExecutor.create("local", Map.of("isolation", isolation, "workDir", workDir.toString()))) {
            var lattice = FanOut.lattice(leaves, executor);
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            var dispatch = lattice.dispatch();
            String id = dispatch.id();
            String stopped = "";
            int done = leaves + 1;
            try {
                Result<List<Integer>> result = dispatch.result(timeout);
                if (!result.isCompleted() || !FanOut.expected(leaves).equals(result.value())) {
                    throw new IllegalStateException(name + " ended " + result.status() + " with a wrong value: " + result);
                }
            } catch (DispatchException e) {
                // A row of a busy machine stops at its time limit and reports the rate of what it finished.
                dispatch.cancel();
                done = (int) Dispatcher.shared().store().reader().nodes(id).stream()
                        .filter(n -> n.status() == Status.COMPLETED).count();
                if (done == 0) {
                    throw e;
                }
                stopped = String.format(java.util.Locale.ROOT, "; stopped at its %d s limit with %d of %d electrons done",
                        timeout.toSeconds(), done, leaves + 1);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            BenchRow row = new BenchRow(name, "local (no containers)", done, wall, null, null, Map.of(), Map.of(),
                    (cpuNanos() - cpuBefore) / 1e9, null, null, null, null, null, null, null,
                    String.format(java.util.Locale.ROOT, "isolation=%s, max_in_flight=%d: %.1f ms per electron%s",
                            isolation, executor.maxInFlight(), wall * 1000 / done, stopped), null, null, null);
            JSON.writeValue(out.toFile(), row);
        }
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
