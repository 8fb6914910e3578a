package io.ecslattice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code make bench}: the ECS executor measured on the local cloud, one JVM per row, printed as one table
 * and written as JSON under {@code bench/results/}. Run from the repository root with the local cloud's
 * environment sourced and the stack deployed into it ({@code make bench} does both).
 *
 * <p>Env {@code BENCH_ROWS=local} runs only the local executor's rows (no local cloud needed);
 * {@code BENCH_LOCAL_MINUTES} (default 10) bounds each of them. {@code BENCH_ROWS=pool} runs only the warm-pool
 * rows of issue 11 (chain task mode vs warm pool, 1,000 electrons on 4 workers, the Covalent-pattern baseline),
 * side by side in a {@link PoolRegion}; {@code BENCH_POOL_ELECTRONS} (default 1000) sizes the fan-out row.
 * Env {@code BENCH_CONTAINER_MAX} (default 200): the largest fan-out run with real containers; larger
 * rows run in the agent's simulated mode and say so. {@code BENCH_SIMULATED_TASKS} (default 10000).
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double POLL_FREQ = 2;
    /** The scale row's agent: quiet seconds before the reducer completes (the leaves wait for each other). */
    private static final int SCALE_SETTLE_SECONDS = 3;
    /** The chain rows: dependent no-op electrons, so each one's overhead is seen alone. */
    private static final int CHAIN = 10;

    private final Path root;
    private final Path work;
    private final Path cloudDir;
    private final Path registryRoot;
    private final String baseImage;
    /** The local cloud's registry: ecr_registry_override in its config.toml. */
    private final String registry;
    private final ScratchCode scratch;
    private final BenchReport report = new BenchReport();
    private final List<String> failures = new ArrayList<>();

    private Bench(Path root, Path work, Path cloudDir) throws IOException {
        this.root = root;
        this.work = work;
        this.cloudDir = cloudDir;
        this.registryRoot = cloudDir.resolve("registry/data");
        Path config = cloudDir.resolve("config.toml");
        // The local rows alone (BENCH_ROWS=local) run without a local cloud, so without its config.
        var ecs = !Files.isRegularFile(config) ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree(config.toFile()).path("executors").path("ecs");
        this.baseImage = ecs.path("base_image").asText();
        this.registry = ecs.path("ecr_registry_override").asText("127.0.0.1:5000");
        this.scratch = new ScratchCode(work);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if ("local".equals(System.getenv("BENCH_ROWS"))) {
            Path work = root.resolve("bench/target/bench-work");
            deleteTree(work);
            Files.createDirectories(work);
            Bench bench = new Bench(root, work, work.resolve("no-local-cloud"));
            bench.localRows();
            bench.finish(Map.of());
            return;
        }
        String cloudDir = System.getenv("ECS_LATTICE_LOCAL_CLOUD_DIR");
        if (System.getenv("AWS_ENDPOINT_URL") == null || cloudDir == null) {
            fail("local cloud not up: run make local-cloud-up (then make bench sources its env)");
        }
        if (!Files.isRegularFile(root.resolve("cdk-outputs.json"))) {
            fail("no cdk-outputs.json in " + root + ": run make deploy-local");
        }
        if ("pool".equals(System.getenv("BENCH_ROWS"))) {
            Path work = root.resolve("bench/target/bench-work");
            deleteTree(work);
            Files.createDirectories(work);
            Bench bench = new Bench(root, work, Path.of(cloudDir));
            bench.poolRows();
            bench.finish(Map.of("pollFreqSeconds", POLL_FREQ));
            return;
        }
        int containerMax = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTAINER_MAX", "20"));
        int simulatedTasks = Integer.parseInt(System.getenv().getOrDefault("BENCH_SIMULATED_TASKS", "10000"));
        Path work = root.resolve("bench/target/bench-work");
        deleteTree(work);
        Files.createDirectories(work);
        Bench bench = new Bench(root, work, Path.of(cloudDir));
        bench.run(containerMax, simulatedTasks);
    }

    private void run(int containerMax, int simulatedTasks) throws Exception {
        localRows();
        String runId = Long.toString(Instant.now().toEpochMilli(), 36);
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("cache_dir", work.resolve("cache").toString());
        common.put("poll_freq", POLL_FREQ);

        hello();
        scratch.write(runId + "-first");
        BenchRow first = containers("fan-out 20: first dispatch of this code", 20, common, "new image tag, cold cache_dir");
        BenchRow again = containers("fan-out 20: unchanged code, new process", 20, common, "");
        if (first != null && again != null && first.dispatchToFirstRunTask() != null && again.dispatchToFirstRunTask() != null) {
            again = replaceLast(again.withNote(String.format(Locale.ROOT, "time saved %.2f s before the first RunTask",
                    first.dispatchToFirstRunTask() - again.dispatchToFirstRunTask())));
        }
        scratch.write(runId + "-edited");
        containers("fan-out 20: one-line code change", 20, common, "");

        try (SimulatedRegion region = SimulatedRegion.start(root, work, Duration.ofSeconds(3), 0)) {
            Map<String, Object> simulated = new LinkedHashMap<>(common);
            simulated.putAll(region.executorSettings());
            Map<String, String> regionEnv = Map.of("AWS_ENDPOINT_URL", region.endpoint().toString());
            for (int leaves : List.of(200, 1000)) {
                if (containerMax >= leaves) {
                    containers("fan-out " + leaves, leaves, common, "");
                } else {
                    row("fan-out " + leaves, "simulated", leaves, simulated, regionEnv, Duration.ofMinutes(10),
                            "scaled to simulated mode: real containers only up to BENCH_CONTAINER_MAX=" + containerMax
                                    + " on this machine (see the 20-task rows' wall time)", false);
                }
            }
        }
        // A region of its own whose agent holds every leaf until all are in flight, then completes them.
        try (SimulatedRegion region = SimulatedRegion.start(root, work, Duration.ofSeconds(SCALE_SETTLE_SECONDS),
                simulatedTasks)) {
            Map<String, Object> scale = new LinkedHashMap<>(common);
            scale.putAll(region.executorSettings());
            scale.put("max_in_flight", simulatedTasks);
            scale.put("run_task_per_second", 100);
            scale.put("run_task_burst", 1000);
            row("fan-out " + simulatedTasks + ", all in flight", "simulated", simulatedTasks, scale,
                    Map.of("AWS_ENDPOINT_URL", region.endpoint().toString()), Duration.ofMinutes(25),
                    "the agent holds the leaves until all " + simulatedTasks + " are in flight; max_in_flight="
                            + simulatedTasks + ", client RunTask limit 100/s (AWS allows 20/s)", false);
        }
        poolRows();

        finish(Map.of("pollFreqSeconds", POLL_FREQ, "containerMax", containerMax));
    }

    /** The local executor, 200 no-op electrons (plus the reducer): a fresh JVM per electron, then the warm pool. */
    private void localRows() throws Exception {
        int leaves = 200;
        BenchRow perTask = local("Local executor, " + leaves + " no-op electrons: jvm_per_task", "jvm_per_task", leaves);
        BenchRow pool = local("Local executor, " + leaves + " no-op electrons: pool", "pool", leaves);
        if (perTask != null && pool != null) {
            // Per electron, so a row stopped at its time limit on a busy machine still compares.
            replaceLast(pool.withNote(String.format(Locale.ROOT, "%.1fx faster per electron than jvm_per_task (goal: 10x or more)",
                    (perTask.wallSeconds() / perTask.tasks()) / (pool.wallSeconds() / pool.tasks()))));
        }
    }

    /**
     * Issue 11's rows, side by side on real containers in a {@link PoolRegion}: a chain of {@value #CHAIN} no-op
     * electrons in task mode and on a warm pool, {@code BENCH_POOL_ELECTRONS} no-op electrons on 4 pool workers, and
     * the Covalent plugin's call pattern on the same chain, with the task-mode row's image.
     */
    private void poolRows() throws Exception {
        int electrons = Integer.parseInt(System.getenv().getOrDefault("BENCH_POOL_ELECTRONS", "1000"));
        String dockerHost = System.getenv().getOrDefault("DOCKER_HOST", "unix://" + cloudDir.resolve("docker.sock"));
        try (PoolRegion region = PoolRegion.start(root, work, dockerHost, registry)) {
            Map<String, Object> common = new LinkedHashMap<>(region.executorSettings());
            common.put("cache_dir", work.resolve("cache").toString());
            common.put("poll_freq", POLL_FREQ);
            Map<String, Object> task = new LinkedHashMap<>(common);
            task.put("mode", "task");
            BenchRow taskChain = poolRow("chain", "chain " + CHAIN + ": task mode", CHAIN, task, region,
                    "one Fargate task per electron, poll_freq=" + POLL_FREQ + " s; after a warm-up dispatch that built the image");
            awaitNoTasks(region);
            Map<String, Object> pool = new LinkedHashMap<>(common);
            pool.put("mode", "pool");
            pool.put("pool_max_workers", 1);
            pool.put("pool_idle_seconds", 20);
            BenchRow poolChain = poolRow("chain", "chain " + CHAIN + ": warm pool", CHAIN, pool, region,
                    "1 worker, already warm (a warm-up dispatch of one electron started it); goal: overhead median <= 100 ms");
            if (taskChain != null && poolChain != null && poolChain.electrons().overheadMedianMs() != null) {
                replaceLast(poolChain.withNote(String.format(Locale.ROOT, "median overhead %.0fx lower than task mode",
                        taskChain.electrons().overheadMedianMs() / poolChain.electrons().overheadMedianMs())));
            }
            awaitNoTasks(region);
            Map<String, Object> fanOut = new LinkedHashMap<>(pool);
            fanOut.put("pool_max_workers", 4);
            BenchRow many = poolRow("fan-out", "fan-out " + electrons + " on 4 pool workers", electrons, fanOut, region,
                    "pool_max_workers=4, worker_concurrency=1, workers started cold by the dispatch; goal: <= 0.5 client calls/electron");
            if (many != null) {
                replaceLast(many.withNote(String.format(Locale.ROOT, "%.3f client calls per electron",
                        many.totalCallsPerTask())));
            }
            if (taskChain == null || taskChain.image() == null) {
                failures.add("Covalent baseline (it runs the task-mode chain row's image, and that row failed)");
                return;
            }
            awaitNoTasks(region);   // the fan-out's idle workers would add their polls to the baseline's task-side calls
            String name = "chain " + CHAIN + ": Covalent ECS plugin's calls";
            String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
            Duration limit = Duration.ofMinutes(10);
            rowProcess(name, "containers", work.resolve(slug + ".json"), work.resolve(slug + ".log"), region.environment(), limit,
                    List.of(CovalentBaseline.class.getName(), name, String.valueOf(CHAIN), work.resolve(slug + ".json").toString(),
                            String.valueOf(limit.toSeconds()), taskChain.image(), String.valueOf(POLL_FREQ),
                            region.stackOutputs().toString()));
        }
    }

    private BenchRow poolRow(String kind, String name, int n, Map<String, Object> settings, PoolRegion region, String note)
            throws Exception {
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        Duration limit = Duration.ofMinutes(15);
        Map<String, String> environment = new LinkedHashMap<>(region.environment());
        environment.put("BENCH_EXECUTOR", JSON.writeValueAsString(settings));
        return rowProcess(name, "containers", work.resolve(slug + ".json"), work.resolve(slug + ".log"), environment, limit,
                List.of(PoolBenchRun.class.getName(), kind, name, String.valueOf(n), work.resolve(slug + ".json").toString(),
                        String.valueOf(limit.toSeconds()), note));
    }

    /**
     * Waits (at most two minutes) until the last row's workers have idled out, so the next row starts its own and
     * counts only its own tasks' calls.
     */
    private static void awaitNoTasks(PoolRegion region) throws InterruptedException {
        try (var ecs = software.amazon.awssdk.services.ecs.EcsClient.builder().endpointOverride(region.endpoint()).build()) {
            String cluster = PoolRegion.outputs(region.stackOutputs()).get("EcsClusterName");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && !ecs.listTasks(b -> b.cluster(cluster)
                    .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING)).taskArns().isEmpty()) {
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BenchRow local(String name, String isolation, int leaves) throws Exception {
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        Duration limit = Duration.ofMinutes(Integer.parseInt(System.getenv().getOrDefault("BENCH_LOCAL_MINUTES", "10")));
        return rowProcess(name, "local", work.resolve(slug + ".json"), work.resolve(slug + ".log"), Map.of(), limit,
                List.of(LocalBenchRun.class.getName(), name, isolation, String.valueOf(leaves), work.resolve(slug + ".json").toString(),
                        String.valueOf(limit.toSeconds()), work.resolve("tasks-" + slug).toString()));
    }

    private void finish(Map<String, Object> settings) throws IOException {
        System.out.println();
        System.out.println(report.table());
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.version"));
        environment.putAll(settings);
        Path written = report.write(root.resolve("bench/results"), environment);
        System.out.println("written: " + root.relativize(written) + " (and bench/results/latest.json)");
        if (!failures.isEmpty()) {
            fail("rows failed: " + String.join("; ", failures));
        }
    }

    private BenchRow containers(String name, int leaves, Map<String, Object> settings, String note) throws Exception {
        return row(name, "containers", leaves, settings, Map.of(), Duration.ofMinutes(15), note, true);
    }

    /** Runs one row in its own JVM; returns it, or null when it failed (the failure is reported at the end). */
    private BenchRow row(String name, String mode, int leaves, Map<String, Object> settings, Map<String, String> env,
                         Duration timeout, String note, boolean countPushes) throws Exception {
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        Path out = work.resolve(slug + ".json");
        Path log = work.resolve(slug + ".log");
        RegistryBlobs before = RegistryBlobs.snapshot(registryRoot);
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.put("BENCH_EXECUTOR", JSON.writeValueAsString(settings));
        BenchRow row = rowProcess(name, mode, out, log, environment, timeout, List.of(BenchRun.class.getName(), name, mode,
                String.valueOf(leaves), out.toString(), String.valueOf(timeout.toSeconds()), note));
        if (row != null && countPushes && row.image() != null) {
            row = replaceLast(row.withPushes(before.pushedFor(row.image(), baseImage, registry)));
        }
        return row;
    }

    /** Runs {@code mainAndArgs} in a JVM of its own with its data dir under the work dir; reads and reports its row. */
    private BenchRow rowProcess(String name, String mode, Path out, Path log, Map<String, String> env, Duration timeout,
                                List<String> mainAndArgs) throws Exception {
        System.out.println("bench: running " + name + " [" + mode + "] ...");
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        List<String> command = new ArrayList<>(List.of(SimulatedRegion.javaExecutable(), "-Xmx1g", "-cp", classpath()));
        command.addAll(mainAndArgs);
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = process.environment();
        environment.putAll(env);
        environment.put("ECS_LATTICE_DATA_DIR", work.resolve("data-" + slug).toString());
        environment.remove("ECS_LATTICE_DB");
        Process child = process.start();
        if (!child.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        if (child.exitValue() != 0 || !Files.exists(out)) {
            failures.add(name + " (exit " + child.exitValue() + ", log " + root.relativize(log) + ")");
            System.out.println("bench: " + name + " FAILED; last lines of " + log + ":");
            try (Stream<String> lines = Files.lines(log)) {
                List<String> all = lines.toList();
                all.subList(Math.max(0, all.size() - 25), all.size()).forEach(l -> System.out.println("  " + l));
            }
            return null;
        }
        BenchRow row = JSON.readValue(out.toFile(), BenchRow.class);
        report.add(row);
        return row;
    }

    /** The hello workflow through bin/ecs-lattice: what of the CLI's classpath its image carries. */
    private void hello() throws IOException {
        System.out.println("bench: running " + HelloRow.NAME + " ...");
        try {
            report.add(HelloRow.run(root, work.resolve("hello"), cloudDir, registry, Duration.ofMinutes(15)));
        } catch (IOException | InterruptedException | RuntimeException e) {
            failures.add(HelloRow.NAME + " (" + e.getMessage() + ")");
            System.out.println("bench: " + HelloRow.NAME + " FAILED: " + e.getMessage());
        }
    }

    private BenchRow replaceLast(BenchRow row) {
        report.replaceLast(row);
        return row;
    }

    private String classpath() {
        return String.join(":", root.resolve("bench/target/classes").toString(), scratch.classes().toString(),
                root.resolve("bench/target/bench-lib").toString() + "/*");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void fail(String message) {
        System.err.println("bench: " + message);
        System.exit(1);
    }
}
