package io.ecslattice.executor.ecs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.taskrunner.S3Storage;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Drills of pool delivery on the local cloud, in real worker containers: a worker SIGKILLed while its electron
 * runs leaves the electron to another worker as its second delivery, and the store holds one result; an
 * electron sent twice for one attempt (a resumed client sending again a node whose handle its killed
 * predecessor never stored) runs once. Two workers stay warm for both (pool_min_workers), and a short
 * pool_visibility_seconds makes a dead worker's electron visible again within seconds.
 */
@Tag("local-cloud")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoolRedeliveryLocalCloudTest {
    /** The label the local agent puts on each task's container (local-cloud's ContainerRuntime.TASK_ARN_LABEL). */
    private static final String TASK_ARN_LABEL = "io.ecslattice.local-cloud.task-arn";
    private static final int VISIBILITY_SECONDS = 3;

    @TempDir
    static Path dir;
    static LocalCloud cloud;
    static EcsExecutor ecs;
    static Dispatcher dispatcher;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.require();
        ecs = pool(dir.resolve("cache"));
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(ecs);
    }

    @AfterAll
    static void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (ecs != null) {
            ecs.close();
        }
    }

    private static EcsExecutor pool(Path cache) {
        return cloud.executor(cache).set("mode", "pool").set("pool_min_workers", 2).set("pool_max_workers", 2)
                .set("pool_idle_seconds", 20).set("task_max_attempts", 3).set("pool_visibility_seconds", VISIBILITY_SECONDS).build();
    }

    @Test
    void aWorkerKilledWhileItsElectronRunsLeavesItToAnotherWorkerAndTheStoreHoldsOneResult() throws Exception {
        long started = System.nanoTime();
        String marker = "s3://" + ecs.settings().s3BucketName() + "/drills/" + UUID.randomUUID() + "/first-run";
        var square = Electron.of(E2eElectrons::squareOnceTheFirstRunDied).executor(ecs);
        var lattice = Lattice.of("pool-worker-killed", () -> square.call(Value.of(marker), Value.of(7)));

        String id = lattice.dispatch(LatticeClient.of(dispatcher)).id();
        try (S3Storage s3 = new S3Storage()) {
            await("the first run wrote " + marker).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                    .until(() -> s3.exists(marker));
        }
        String nodeId = onlyNode(id).id();
        String mention = PoolEvent.logMention(id, nodeId, 1);
        Map.Entry<String, String> worker = awaitWorkerRunning(mention);
        docker("kill", worker.getKey());   // SIGKILL: the JVM has no say
        long killed = System.nanoTime();
        Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(Duration.ofMinutes(2));
        long redelivered = System.nanoTime();

        assertEquals(DispatchStatus.COMPLETED, result.status(), result::toString);
        assertEquals(49, result.value());
        NodeRecord node = onlyNode(id);
        assertEquals(Status.COMPLETED, node.status());
        assertEquals(1, node.attempt(), "a redelivery is not a new attempt of the node");
        // Delivered again after the kill: the second delivery, or a later one when a loaded machine let a live worker's
        // keep-alive slip past the 3 s visibility (that copy is put back while the run's heartbeat is fresh).
        int delivery = Integer.parseInt(node.details().get("delivery"));
        assertTrue(delivery >= 2, "the result came from a redelivery: " + node.details());
        List<AttemptRecord> attempts = dispatcher.store().reader().attempts(id, nodeId);
        assertEquals(1, attempts.size(), "one result for the node, however often it was delivered: " + attempts);
        assertEquals(Status.COMPLETED, attempts.get(0).status(), attempts::toString);
        assertEquals(String.valueOf(delivery), attempts.get(0).details().get("delivery"), attempts::toString);
        Task dead = await("the killed worker " + worker.getValue() + " reported stopped").atMost(Duration.ofSeconds(60))
                .until(() -> LocalCloud.ecsTasks(ecs.settings()).describeTasks(List.of(worker.getValue())).tasks().get(0),
                        t -> "STOPPED".equals(t.lastStatus()));
        assertEquals(137, dead.containers().get(0).exitCode(), dead.toString());
        // Both runs logged the electron: the killed worker's stream and another worker's. On a loaded machine a third
        // worker may log it too, holding a redelivery back while the heartbeat of the run is fresh.
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.create()) {
            TaskLogs taskLogs = new TaskLogs(logs);
            List<String> streams = await("two worker log streams name " + mention).atMost(Duration.ofSeconds(30))
                    .until(() -> taskLogs.streamsMentioning(ecs.settings().ecsTaskLogGroupName(), mention,
                            java.time.Instant.now().minus(java.time.Duration.ofHours(1))), s -> s.size() >= 2);
            String killedTask = worker.getValue().substring(worker.getValue().lastIndexOf('/') + 1);
            assertTrue(streams.stream().anyMatch(s -> s.endsWith("/" + killedTask)), streams + " holds the killed " + killedTask);
        }
        System.out.printf("worker-killed drill: %.1f s in all, %.1f s from the SIGKILL to the stored result%n",
                (redelivered - started) / 1e9, (redelivered - killed) / 1e9);
    }

    @Test
    void anElectronSentTwiceForOneAttemptRunsOnce() throws Exception {
        String dispatch = UUID.randomUUID().toString();
        String runs = "s3://" + ecs.settings().s3BucketName() + "/drills/" + dispatch + "/runs/";
        TaskSpec spec = EcsExecutorLocalCloudTest.spec(dispatch, "twice", "squareCountingRuns", List.of("java.lang.String", "int"),
                runs, 9);
        TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
        // The first client sends it and dies before storing the handle; the resumed client sends it again.
        try (EcsExecutor killed = pool(dir.resolve("cache-first"))) {
            killed.submit(spec, context).get(2, TimeUnit.MINUTES);
        }
        TaskHandle again = ecs.submit(spec, context).get(2, TimeUnit.MINUTES);
        TaskOutcome outcome = ecs.await(again).get(2, TimeUnit.MINUTES);

        assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
        assertEquals(81, outcome.result().value().asInt());
        String workQueue = again.details().get("workQueue");
        try (SqsClient sqs = SqsClient.create()) {
            await("both sends of the electron taken off " + workQueue).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> inQueue(sqs, workQueue) == 0);
        }
        try (S3Storage s3 = new S3Storage()) {
            assertEquals(1, s3.list(runs).size(), "runs of the electron: " + s3.list(runs));
        }
    }

    private static int inQueue(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private static NodeRecord onlyNode(String id) {
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(id);
        assertEquals(1, nodes.size(), nodes::toString);
        return nodes.get(0);
    }

    /** The running worker container whose log says it runs {@code mention}: container id → task ARN. */
    private static Map.Entry<String, String> awaitWorkerRunning(String mention) {
        return await("a worker container logging " + mention).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (String line : docker("ps", "--filter", "label=" + TASK_ARN_LABEL, "--format",
                            "{{.ID}} {{.Label \"" + TASK_ARN_LABEL + "\"}}").strip().split("\n")) {
                        String[] idAndArn = line.strip().split(" ");
                        if (idAndArn.length == 2 && docker("logs", idAndArn[0]).contains(mention)) {
                            return Map.entry(idAndArn[0], idAndArn[1]);
                        }
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }

    /** The docker CLI against the local cloud's engine. */
    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", cloud.env.get("DOCKER_HOST"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("docker " + String.join(" ", args) + " did not finish in 30 s");
        }
        if (process.exitValue() != 0) {
            fail("docker " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
