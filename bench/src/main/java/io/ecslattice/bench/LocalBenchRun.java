package io.ecslattice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.workflow.Lattices;
import io.ecslattice.workflow.Result;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One local-executor row of the benchmark, in a JVM of its own: the fan-out of no-op electrons on the
 * local executor with the given {@code isolation}, timed from dispatch until the result is visible.
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
            String id = Lattices.dispatch(lattice);
            Result<List<Integer>> result = Lattices.getResult(id, timeout);
            double wall = (System.nanoTime() - start) / 1e9;
            if (!result.isCompleted() || !FanOut.expected(leaves).equals(result.value())) {
                throw new IllegalStateException(name + " ended " + result.status() + " with a wrong value: " + result);
            }
            BenchRow row = new BenchRow(name, "local (no containers)", leaves + 1, wall, null, null, Map.of(), Map.of(),
                    (cpuNanos() - cpuBefore) / 1e9, null, null, null, null, null, null, null,
                    String.format(java.util.Locale.ROOT, "isolation=%s, max_in_flight=%d: %.1f ms per electron",
                            isolation, executor.maxInFlight(), wall * 1000 / (leaves + 1)), null);
            JSON.writeValue(out.toFile(), row);
        }
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
