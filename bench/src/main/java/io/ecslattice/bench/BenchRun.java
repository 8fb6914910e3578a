package io.ecslattice.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ecs.AwsCallCounter;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.EcsExecutorBuilder;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.StoreReader;
import io.ecslattice.workflow.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One row of the benchmark, in a JVM of its own so its CPU and heap are the client's alone: dispatches
 * the fan-out on the ECS executor, waits for the result, checks it, and writes the measured
 * {@link BenchRow} as JSON.
 *
 * <pre>BenchRun &lt;name&gt; &lt;mode&gt; &lt;leaves&gt; &lt;out.json&gt; &lt;timeout-seconds&gt; [note]</pre>
 * Executor settings beyond the config file and stack come as a JSON object in env {@code BENCH_EXECUTOR}.
 */
public final class BenchRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchRun() {
    }

    /** An executor builder with the settings of env {@code BENCH_EXECUTOR} (a JSON object) over the config file and stack. */
    static EcsExecutorBuilder executorFromEnvironment() throws java.io.IOException {
        Map<String, Object> settings = JSON.readValue(System.getenv().getOrDefault("BENCH_EXECUTOR", "{}"),
                new TypeReference<Map<String, Object>>() { });
        EcsExecutorBuilder builder = EcsExecutor.builder();
        settings.forEach(builder::set);
        return builder;
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String mode = args[1];
        int leaves = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));
        String note = args.length > 5 ? args[5] : "";
        EcsExecutorBuilder builder = executorFromEnvironment();
        int tasks = leaves + 1;
        try (EcsExecutor executor = builder.build()) {
            AwsCallCounter calls = executor.awsCalls();
            var lattice = FanOut.lattice(leaves, executor);
            RunTaskClock runTasks = new RunTaskClock(() -> calls.count("ecs:RunTask"), leaves);
            try (ClientMeter meter = new ClientMeter(
                    () -> (int) Math.max(0, calls.count("ecs:RunTask") - calls.count("s3:GetObject")), Duration.ofSeconds(1))) {
                Instant dispatched = Instant.now();
                runTasks.start(dispatched);
                var dispatch = lattice.dispatch();
                String id = dispatch.id();
                Result<List<Integer>> result = dispatch.result(timeout);
                Instant visible = Instant.now();
                ClientMeter.Reading reading = meter.stop();
                runTasks.stop();
                if (!result.isCompleted() || !FanOut.expected(leaves).equals(result.value())) {
                    throw new IllegalStateException("fan-out " + leaves + " ended " + result.status() + " with a wrong value: "
                            + result);
                }
                TaskFacts facts = taskFacts(Dispatcher.shared().store().reader(), id);
                Instant lastStopped = facts.lastStopped();
                Map<String, Double> perTask = new TreeMap<>();
                calls.calls().forEach((op, n) -> perTask.put(op, n / (double) tasks));
                BenchRow row = new BenchRow(name, mode, tasks, seconds(dispatched, visible),
                        runTasks.first() == null ? null : seconds(dispatched, runTasks.first()),
                        lastStopped == null ? null : seconds(lastStopped, visible), perTask, calls.retries(),
                        reading.cpuSeconds(), reading.peakInFlight(), reading.heapPerInFlightTask(), null, null, null,
                        calls.count("ecs:RegisterTaskDefinition"), runTasks.perSecond(), note, facts.image(), null, null);
                JSON.writeValue(out.toFile(), row);
            }
        }
        System.exit(0); // the shared dispatcher's threads are daemons, but the SDK's may not be
    }

    /** What ECS says about the dispatch's tasks: the latest stoppedAt, and the image they ran. */
    record TaskFacts(Instant lastStopped, String image) {
    }

    /** Reads {@link TaskFacts} from ECS by the task ARNs in the results store (a client of its own: not counted). */
    static TaskFacts taskFacts(StoreReader store, String dispatchId) {
        List<NodeRecord> nodes = store.nodes(dispatchId);
        Map<String, List<String>> arnsByCluster = new TreeMap<>();
        for (NodeRecord node : nodes) {
            if (node.handle() != null) {
                arnsByCluster.computeIfAbsent(node.handle().details().getOrDefault("cluster", ""), c -> new ArrayList<>())
                        .add(node.handle().ref());
            }
        }
        Instant last = null;
        String definition = null;
        try (EcsClient ecs = EcsClient.create()) {
            for (Map.Entry<String, List<String>> cluster : arnsByCluster.entrySet()) {
                List<String> arns = cluster.getValue();
                for (int i = 0; i < arns.size(); i += 100) {
                    List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
                    for (Task task : ecs.describeTasks(b -> b.cluster(cluster.getKey()).tasks(batch)).tasks()) {
                        if (task.stoppedAt() != null && (last == null || task.stoppedAt().isAfter(last))) {
                            last = task.stoppedAt();
                        }
                        definition = task.taskDefinitionArn();
                    }
                }
            }
            String arn = definition;
            String image = arn == null ? null : ecs.describeTaskDefinition(b -> b.taskDefinition(arn))
                    .taskDefinition().containerDefinitions().get(0).image();
            return new TaskFacts(last, image);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** Watches the RunTask count: when the first call went out and the rate until the last. */
    private static final class RunTaskClock {
        private final java.util.function.LongSupplier count;
        private final long expected;
        private final AtomicLong firstNanos = new AtomicLong();
        private final AtomicLong lastNanos = new AtomicLong();
        private volatile long seenAtLast;
        private volatile long startNanos;
        private volatile Instant start;
        private volatile Thread thread;

        RunTaskClock(java.util.function.LongSupplier count, long expected) {
            this.count = count;
            this.expected = expected;
        }

        void start(Instant at) {
            start = at;
            startNanos = System.nanoTime();
            thread = new Thread(() -> {
                long seen = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    long now = count.getAsLong();
                    if (now > 0 && seen == 0) {
                        firstNanos.set(System.nanoTime());
                    }
                    if (now > seen) {
                        lastNanos.set(System.nanoTime());
                        seen = now;
                        seenAtLast = now;
                    }
                    if (seen >= expected) {
                        return;
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-runtask-clock");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            thread.interrupt();
        }

        Instant first() {
            return firstNanos.get() == 0 ? null : start.plusNanos(firstNanos.get() - startNanos);
        }

        /** RunTask calls per second from the first to the {@code expected}-th (the leaves, not the reducer). */
        Double perSecond() {
            long span = lastNanos.get() - firstNanos.get();
            long n = seenAtLast;
            return firstNanos.get() == 0 || span <= 0 || n < 2 ? null : (n - 1) / (span / 1e9);
        }
    }
}
