package io.ecslattice.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.cli.EcsLatticeCli;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The pool-mode sibling of {@link ClientKilledDrillTest}: the dispatching process is SIGKILLed while its 20
 * leaves run on two warm pool workers (ten electrons each) in real containers. The even leaves finish while
 * no client lives (their completions wait on the dispatch's completion queue); the odd ones only once the new
 * process, {@code ecs-lattice resume <id>}, has re-attached to them. Each leaf finishes when the drill writes its
 * gate object, so nothing depends on how fast workers start. The resume collects every result, both kinds,
 * and no node completes twice: the results store holds one result per node; each run writes its own object to
 * the stack's bucket, counted apart from the store (every leaf ran; a second delivery's run is reported).
 */
@Tag("local-cloud")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoolClientKilledDrillTest {
    private static final int LEAVES = 20;
    private static final int LEASE_SECONDS = 3;

    @Test
    void aResumeInANewProcessCollectsEveryPoolResultOfAKilledClientAndNoElectronCompletesTwice(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        Path state = Drills.localCloud();
        Path db = dir.resolve("results.db");
        Path config = dir.resolve("config.toml");
        // The local cloud's [executors.ecs] in pool mode: 20 leaves at once on 2 workers of a shape no other test uses
        // (0.5 vCPU, 2 GB: its own work queue, whatever runs beside it); a dead client's
        // unacknowledged completions visible again after 10 s (and the workers, ten electrons each on a loaded
        // machine, keep their electrons invisible with room to spare: a lapse would rightly run one twice).
        Files.writeString(config, Files.readString(state.resolve("config.toml")) + "\npoll_freq = 1\ncache_dir = \""
                + dir.resolve("cache") + "\"\nmode = \"pool\"\nvcpu = 0.5\nmemory = 2\npool_max_workers = 2\nworker_concurrency = 10\n"
                + "pool_idle_seconds = 20\npool_visibility_seconds = 10\n");
        Map<String, String> env = new HashMap<>();
        env.put("ECS_LATTICE_DB", db.toString());
        env.put("ECS_LATTICE_CONFIG", config.toString());
        env.put("ECS_LATTICE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
        var outputs = Wire.mapper().readTree(Drills.repoRoot().resolve("cdk-outputs.json").toFile());
        String stack = outputs.fieldNames().next();
        String bucket = outputs.path(stack).path("S3BucketName").asText();
        String completionQueue = stack + "_done-";
        String runsKey = "drills/pool-client-killed/" + UUID.randomUUID() + "/";

        try (S3Client s3 = S3Client.create(); SqsClient sqs = SqsClient.create()) {
            Process client = Drills.java(env, DrillClient.class.getName(), String.valueOf(LEAVES), "s3://" + bucket + "/" + runsKey);
            String id = Drills.dispatchId(client);
            await("all " + LEAVES + " leaves running on the pool").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> runsPerLeaf(s3, bucket, runsKey).size() == LEAVES);
            // Each with its handle stored, so the resume re-attaches to all (PoolRedeliveryLocalCloudTest sends one twice).
            await("all " + LEAVES + " leaves running with stored handles").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> leaves(db, id, n -> n.status() == Status.RUNNING && n.handle() != null) == LEAVES);
            client.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no goodbye
            assertFalse(client.isAlive());
            long killed = System.nanoTime();
            assertEquals(0, completedLeaves(db, id), "no leaf had finished when the client was killed");

            // The even leaves finish with no client alive: their completions wait on the dispatch's own queue.
            s3.putObject(r -> r.bucket(bucket).key(runsKey + "go-even"), RequestBody.empty());
            String completions = await("the completion queue of " + id).atMost(Duration.ofSeconds(10))
                    .until(() -> sqs.listQueues(r -> r.queueNamePrefix(completionQueue + id)).queueUrls().stream().findFirst(),
                            Optional::isPresent).get();
            await("the even leaves' completions arriving while no client lives").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> waiting(sqs, completions) == LEAVES / 2);
            long evensWaiting = System.nanoTime();
            Drills.awaitLeaseExpiry(db, id);
            Process resume = Drills.java(env, EcsLatticeCli.class.getName(), "resume", id, "--timeout", "PT2M");
            // A leaf the resume records means it has re-attached to all of them (it records none before), and looked
            // for each one's result object: the odd leaves had none.
            await("the resume recording a leaf").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> completedLeaves(db, id) > 0);
            long attached = System.nanoTime();
            // Now the odd leaves finish, with a client alive again to hear of it.
            s3.putObject(r -> r.bucket(bucket).key(runsKey + "go-odd"), RequestBody.empty());
            String output = new String(resume.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(resume.waitFor(3, TimeUnit.MINUTES), "resume ended");
            assertEquals(0, resume.exitValue(), output);
            long resumed = System.nanoTime();

            try (ResultsStore store = ResultsStore.open(db)) {
                List<NodeRecord> nodes = store.reader().nodes(id);
                assertEquals(LEAVES + 1, nodes.size(), nodes::toString);
                for (NodeRecord node : nodes) {
                    assertEquals(Status.COMPLETED, node.status(), node::toString);
                    assertEquals("pool", node.details().get("mode"), node.details().toString());
                    List<AttemptRecord> attempts = store.reader().attempts(id, node.id());
                    assertEquals(1, attempts.size(), () -> "one result for node " + node.id() + ": " + attempts);
                }
                // Finished while no client lived: collected by the resume from their result objects, or from their
                // completion messages waiting on the queue when the resume's listener hears of one before it re-attached
                // to that leaf (both once: asserted above). Finished after: heard of on the completion queue.
                Map<String, Long> collected = nodes.stream().filter(n -> n.name().equals("gatedLeaf")).collect(
                        Collectors.groupingBy(n -> (n.output().asInt() % 2 == 0 ? "even" : "odd " + n.details()
                                .getOrDefault("collected", "completion message")), TreeMap::new, Collectors.counting()));
                assertEquals(Map.of("even", (long) LEAVES / 2, "odd completion message", (long) LEAVES / 2), collected);
                assertTrue(nodes.stream().filter(n -> n.name().equals("gatedLeaf") && n.output().asInt() % 2 == 0)
                        .anyMatch(n -> "stored result".equals(n.details().get("collected"))),
                        "the resume collected finished leaves from their result objects");
                assertEquals(IntStream.range(0, LEAVES).boxed().toList(), toInts(store.reader().detail(id).orElseThrow().output()));
            }
            // Every leaf ran; delivery is at least once (SQS standard queues may deliver a message again, and the local
            // cloud's moto has been seen to, seconds after another worker took it), so a leaf may have run twice. What
            // must hold is asserted above: each node completed once, one result in the store. Extra runs are printed.
            Map<Integer, Integer> runs = runsPerLeaf(s3, bucket, runsKey);
            assertEquals(IntStream.range(0, LEAVES).boxed().collect(Collectors.toSet()), runs.keySet(),
                    "every leaf ran, counted by the objects each run wrote: " + runs);
            Map<Integer, Integer> extra = runs.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            System.out.println("pool client-killed drill: leaves delivered and run more than once (at-least-once delivery): "
                    + (extra.isEmpty() ? "none" : extra));
            assertFalse(sqs.listQueues(r -> r.queueNamePrefix(completionQueue + id)).queueUrls().contains(completions),
                    "the completion queue went with the dispatch: " + completions);
            System.out.printf("pool client-killed drill: %.1f s in all; from the SIGKILL: even completions queued %.1f s, the resume"
                    + " re-attached %.1f s, the resume ended %.1f s%n", (resumed - started) / 1e9, (evensWaiting - killed) / 1e9,
                    (attached - killed) / 1e9, (resumed - killed) / 1e9);
            System.out.println(output);
        }
    }

    private static long completedLeaves(Path db, String id) {
        return leaves(db, id, n -> n.status() == Status.COMPLETED);
    }

    private static long leaves(Path db, String id, java.util.function.Predicate<NodeRecord> which) {
        try (ResultsStore store = ResultsStore.open(db)) {
            return store.reader().nodes(id).stream().filter(n -> n.name().equals("gatedLeaf")).filter(which).count();
        }
    }

    /** Leaf index → how many runs of it wrote their object under {@code runsKey}. */
    private static Map<Integer, Integer> runsPerLeaf(S3Client s3, String bucket, String runsKey) {
        Map<Integer, Integer> runs = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(runsKey)).contents()) {
            String run = object.key().substring(runsKey.length());
            if (run.contains("/")) {   // <index>/<random id>; not a go-even or go-odd object
                runs.merge(Integer.parseInt(run.substring(0, run.indexOf('/'))), 1, Integer::sum);
            }
        }
        return runs;
    }

    /** Completions on the queue, visible or taken by a client that has not deleted them. */
    private static int waiting(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .mapToInt(Integer::parseInt).sum();
    }

    private static List<Integer> toInts(com.fasterxml.jackson.databind.JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).asInt()).toList();
    }
}
