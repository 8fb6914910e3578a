package io.ecslattice.bench;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.EcsExecutorBuilder;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** What the reliability drills share: the local cloud's presence, dispatchers, executors, and ECS's own view. */
final class Drills {

    private Drills() {
    }

    /** The repository root (tests run in bench/). */
    static Path repoRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The local cloud's state dir; fails the test with what to do when it is not up. */
    static Path localCloud() {
        String dir = System.getenv("ECS_LATTICE_LOCAL_CLOUD_DIR");
        if (dir == null || !Files.exists(Path.of(dir, "env")) || System.getenv("AWS_ENDPOINT_URL") == null) {
            fail("local cloud not up: run make local-cloud-up (make test does, and sources its env)");
        }
        return Path.of(dir);
    }

    /** A dispatcher on its own results store in {@code dir}, with the executors of the config file. */
    static Dispatcher dispatcher(Path dir, Duration lease) {
        return Dispatcher.builder().store(ResultsStore.open(dir.resolve("results.db")))
                .executors(new ExecutorRegistry(ConfigFile.load())).leaseTtl(lease).defaultExecutor("local").build();
    }

    /**
     * An ECS executor whose AWS calls go to {@code endpoint} (the SDK reads {@code aws.endpointUrl} when it
     * builds a client, before {@code AWS_ENDPOINT_URL}), with {@code settings} over the config file's.
     */
    static EcsExecutor executor(URI endpoint, Map<String, Object> settings) {
        String previous = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", endpoint.toString());
        try {
            EcsExecutorBuilder builder = EcsExecutor.builder();
            settings.forEach(builder::set);
            return builder.build();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.endpointUrl");
            } else {
                System.setProperty("aws.endpointUrl", previous);
            }
        }
    }

    /** The node of {@code dispatchId} whose electron is {@code name}; fails when there is not exactly one. */
    static NodeRecord node(Dispatcher dispatcher, String dispatchId, String name) {
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(dispatchId).stream()
                .filter(n -> n.name().equals(name)).toList();
        if (nodes.size() != 1) {
            fail("expected one node named " + name + " in dispatch " + dispatchId + ", found " + nodes);
        }
        return nodes.get(0);
    }

    /** Every ECS task of the cluster, running or stopped, that is tagged with {@code dispatchId}: ECS's own count. */
    static List<Task> tasksOfDispatch(EcsClient ecs, String cluster, String dispatchId) {
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(status)).taskArns().forEach(arns::add);
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            ecs.describeTasks(b -> b.cluster(cluster).tasks(batch).include(TaskField.TAGS)).tasks().stream()
                    .filter(t -> t.tags().contains(Tag.builder().key("ecs-lattice:dispatch").value(dispatchId).build()))
                    .forEach(tasks::add);
        }
        return tasks;
    }

    /** A JVM on this test classpath running {@code args} (a main class and its arguments) in the repository root; stderr goes to stdout. */
    static Process java(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Drills.repoRoot().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The id the client prints as {@code DISPATCHED <id>}; its further output is drained so it never blocks on a full pipe. */
    static String dispatchId(Process client) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        StringBuilder seen = new StringBuilder();
        for (String line; System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
            if (line.startsWith("DISPATCHED ")) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the process was killed: its output ends
                    }
                }, "drill-client-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring("DISPATCHED ".length()).trim();
            }
            seen.append(line).append('\n');
        }
        client.destroyForcibly();
        fail("the drill client printed no dispatch id: " + seen);
        return null;
    }

    /** Returns once the dispatch's lease in the store at {@code db} has expired, so another process may take it over. */
    static void awaitLeaseExpiry(Path db, String id) throws InterruptedException {
        try (ResultsStore store = ResultsStore.open(db)) {
            Instant expiry = store.reader().lease(id).orElseThrow().expiresAt();
            org.awaitility.Awaitility.await("the lease of " + id + " expired at " + expiry).atMost(java.time.Duration.ofMinutes(1))
                    .pollInterval(java.time.Duration.ofMillis(100)).until(() -> Instant.now().isAfter(expiry.plusMillis(200)));
        }
    }
}
