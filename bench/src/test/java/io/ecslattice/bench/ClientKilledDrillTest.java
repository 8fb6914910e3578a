package io.ecslattice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecslattice.cli.EcsLatticeCli;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The dispatching process is killed with SIGKILL while its 20 tasks run in real containers on the local
 * cloud; {@code ecs-lattice resume <id>} in a new process re-attaches to them by the ARNs in the results
 * store, starts none twice, and collects every result.
 */
@Tag("local-cloud")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClientKilledDrillTest {
    private static final int LEAVES = 20;
    private static final int LEASE_SECONDS = 3;

    @Test
    void aResumeInANewProcessCollectsEveryTaskOfAKilledClientAndStartsNoneTwice(@TempDir Path dir) throws Exception {
        Path state = Drills.localCloud();
        Path db = dir.resolve("results.db");
        Path config = dir.resolve("config.toml");
        // The local cloud's [executors.ecs] plus a short poll, for both processes.
        Files.writeString(config, Files.readString(state.resolve("config.toml")) + "\npoll_freq = 1\ncache_dir = \""
                + dir.resolve("cache") + "\"\n");
        Map<String, String> env = new HashMap<>();
        env.put("ECS_LATTICE_DB", db.toString());
        env.put("ECS_LATTICE_CONFIG", config.toString());
        env.put("ECS_LATTICE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));

        Process client = Drills.java(env, DrillClient.class.getName(), String.valueOf(LEAVES), "5");
        String id = Drills.dispatchId(client);
        Map<String, String> arnsBeforeKill = awaitRunning(db, id, LEAVES);
        client.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no goodbye
        assertTrue(!client.isAlive());

        Drills.awaitLeaseExpiry(db, id);
        Process resume = Drills.java(env, EcsLatticeCli.class.getName(), "resume", id, "--timeout", "PT4M");
        String output = new String(resume.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(resume.waitFor(5, TimeUnit.MINUTES), "resume ended");
        assertEquals(0, resume.exitValue(), output);

        try (ResultsStore store = ResultsStore.open(db)) {
            List<NodeRecord> nodes = store.reader().nodes(id);
            assertTrue(nodes.stream().allMatch(n -> n.status() == Status.COMPLETED), nodes::toString);
            Map<String, String> arnsAfter = nodes.stream().filter(n -> n.name().equals("slowLeaf"))
                    .collect(Collectors.toMap(NodeRecord::id, n -> n.handle().ref()));
            assertEquals(arnsBeforeKill, arnsAfter, "every leaf kept the task it had before the kill");
            assertEquals(IntStream.range(0, LEAVES).boxed().toList(), toInts(store.reader().detail(id).orElseThrow().output()));
        }
        try (EcsClient ecs = EcsClient.create()) {
            List<Task> tasks = Drills.tasksOfDispatch(ecs, clusterOf(arnsBeforeKill), id);
            assertEquals(LEAVES + 1, tasks.size(), "ECS ran one task per node, none twice: " + tasks.size());
            Set<String> started = tasks.stream().map(Task::taskArn).collect(Collectors.toSet());
            assertTrue(started.containsAll(arnsBeforeKill.values()));
        }
    }

    private static List<Integer> toInts(com.fasterxml.jackson.databind.JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).asInt()).toList();
    }

    private static String clusterOf(Map<String, String> arns) {
        String arn = arns.values().iterator().next();
        return arn.substring(arn.indexOf(":task/") + ":task/".length(), arn.lastIndexOf('/'));
    }

    /** Waits until {@code leaves} leaves run with a task ARN in the store; returns node id to ARN. */
    private static Map<String, String> awaitRunning(Path db, String id, int leaves) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (ResultsStore store = ResultsStore.open(db)) {
            while (System.nanoTime() < deadline) {
                Map<String, String> running = store.reader().nodes(id).stream()
                        .filter(n -> n.name().equals("slowLeaf") && n.handle() != null && n.status() == Status.RUNNING)
                        .collect(Collectors.toMap(NodeRecord::id, n -> n.handle().ref()));
                if (running.size() == leaves) {
                    return running;
                }
                Thread.sleep(250);
            }
        }
        fail("the " + leaves + " leaves of " + id + " never all ran with stored task ARNs");
        return Map.of();
    }
}
