package io.ecslattice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ecs.AwsCallCounter;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.EcsExecutorBuilder;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.workflow.Result;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One warm-pool row of the benchmark (issue 11), in a JVM of its own, on a {@link PoolRegion}'s real containers:
 * <ul>
 *   <li>{@code chain}: a warm-up dispatch of one electron (it builds the image and, in pool mode, starts the worker),
 *       then a chain of {@code n} dependent no-op electrons on the same executor, whose workers are now warm;
 *       per-electron overhead is each node's ready time to its result stored, from the store's timestamps;</li>
 *   <li>{@code fan-out}: {@code n} independent no-op electrons and their reducer, the workers started cold by the
 *       dispatch itself.</li>
 * </ul>
 * Client calls come from the executor's {@link AwsCallCounter}, the tasks' own from {@link TaskSideCalls}, both over
 * the measured dispatch only.
 *
 * <pre>PoolBenchRun &lt;chain|fan-out&gt; &lt;name&gt; &lt;n&gt; &lt;out.json&gt; &lt;timeout-seconds&gt; [note]</pre>
 * Executor settings come as a JSON object in env {@code BENCH_EXECUTOR}.
 */
public final class PoolBenchRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolBenchRun() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String name = args[1];
        int n = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        String note = args.length > 5 ? args[5] : "";
        EcsExecutorBuilder builder = BenchRun.executorFromEnvironment();
        boolean chain = kind.equals("chain");
        TaskSideCalls taskCalls = TaskSideCalls.fromEnvironment();
        try (EcsExecutor executor = builder.build()) {
            boolean pool = executor.settings().pool().enabled();
            RowCost cost = new RowCost(executor.settings().ecsClusterName());
            Set<String> before = cost.taskArns();
            if (chain) {
                Result<Integer> warm = Chain.lattice("bench-chain-warm-up", 1, executor).dispatch().result(timeout);
                if (!warm.isCompleted()) {
                    throw new IllegalStateException("the warm-up dispatch ended " + warm.status() + ": " + warm);
                }
                if (!pool) {
                    before = cost.taskArns();   // task mode: the warm-up's task is no part of the chain
                }
            }
            AwsCallCounter calls = executor.awsCalls();
            calls.reset();
            Map<String, Long> tasksBefore = taskCalls.snapshot();
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            int electrons;
            String id;
            if (chain) {
                var dispatch = Chain.lattice("bench-chain-" + n, n, executor).dispatch();
                id = dispatch.id();
                Result<Integer> result = dispatch.result(timeout);
                if (!result.isCompleted() || result.value() != n) {
                    throw new IllegalStateException(name + " ended " + result.status() + " with a wrong value: " + result);
                }
                electrons = n;
            } else {
                var dispatch = FanOut.lattice(n, executor).dispatch();
                id = dispatch.id();
                Result<List<Integer>> result = dispatch.result(timeout);
                if (!result.isCompleted() || !FanOut.expected(n).equals(result.value())) {
                    throw new IllegalStateException(name + " ended " + result.status() + " with a wrong value: " + result);
                }
                electrons = n + 1;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuBefore) / 1e9;
            Map<String, Double> taskSide = TaskSideCalls.per(tasksBefore, taskCalls.snapshot(), electrons);
            Map<String, Long> clientCalls = calls.calls();
            Map<String, Double> perElectron = new java.util.TreeMap<>();
            clientCalls.forEach((op, c) -> perElectron.put(op, c / (double) electrons));
            List<NodeRecord> nodes = Dispatcher.shared().store().reader().nodes(id);
            List<Double> overheads = overheadsMs(nodes);
            if (chain) {
                // Where the overhead goes: ready until the executor had it (RunTask returned, or SQS took the message).
                note = (note.isEmpty() ? "" : note + "; ") + String.format(java.util.Locale.ROOT,
                        "ready→%s p50 %.0f ms", pool ? "on the queue" : "RunTask returned", percentile(acceptedMs(nodes), 50));
            }
            RowCost.Estimate estimate = cost.since(before, executor.settings().size(), executor.settings().prices(),
                    pool ? executor.settings().pool().idle() : Duration.ZERO);
            ElectronFigures figures = new ElectronFigures(chain ? percentile(overheads, 50) : null,
                    chain ? percentile(overheads, 90) : null, electrons / wall, taskSide, estimate.usd(), estimate.tasks());
            // The image the tasks ran, for the baseline client to run the same electron on (task mode's handles are ARNs).
            String image = pool ? null : BenchRun.taskFacts(Dispatcher.shared().store().reader(), id).image();
            BenchRow row = new BenchRow(name, "containers", electrons, wall, null, null, perElectron, calls.retries(), cpu,
                    null, null, null, null, null, calls.count("ecs:RegisterTaskDefinition"), null, note, image, null, figures);
            JSON.writeValue(out.toFile(), row);
        }
        System.exit(0); // the shared dispatcher's threads are daemons, but the SDK's may not be
    }

    /** Each node's ready time (inputs stored) to its end (result stored first), in ms. */
    static List<Double> overheadsMs(List<NodeRecord> nodes) {
        List<Double> ms = new ArrayList<>();
        for (NodeRecord node : nodes) {
            if (node.pendingAt() != null && node.endedAt() != null) {
                ms.add(Duration.between(node.pendingAt(), node.endedAt()).toNanos() / 1e6);
            }
        }
        return ms;
    }

    /** Each node's ready time to the executor's accepting it, in ms. */
    static List<Double> acceptedMs(List<NodeRecord> nodes) {
        List<Double> ms = new ArrayList<>();
        for (NodeRecord node : nodes) {
            if (node.pendingAt() != null && node.startedAt() != null) {
                ms.add(Duration.between(node.pendingAt(), node.startedAt()).toNanos() / 1e6);
            }
        }
        return ms;
    }

    /** The nearest-rank percentile; null without values. */
    static Double percentile(List<Double> values, int percent) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
