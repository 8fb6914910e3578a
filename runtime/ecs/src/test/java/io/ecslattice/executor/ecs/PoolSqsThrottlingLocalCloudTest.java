package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.localcloud.faults.Fault;
import io.ecslattice.localcloud.faults.FaultPlan;
import io.ecslattice.localcloud.faults.FaultProxy;
import io.ecslattice.localcloud.faults.FaultRule;
import io.ecslattice.localcloud.faults.FaultStats;
import io.ecslattice.taskrunner.ElectronInvoker;
import io.ecslattice.taskrunner.worker.SqsWorkSource;
import io.ecslattice.taskrunner.worker.WorkSource;
import io.ecslattice.taskrunner.worker.WorkerLoop;
import io.ecslattice.taskrunner.worker.WorkerMain;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.WorkMessage;
import io.ecslattice.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pool's client side under SQS throttling, without containers: the fault proxy answers half of the
 * client's SQS calls (CreateQueue, SendMessageBatch, ReceiveMessage, DeleteMessageBatch, ...) with SQS's
 * {@code RequestThrottled}, and the client's retry policy, {@link SqsQueues} and {@link CompletionInbox}
 * must still bring every electron's right result home. A real worker loop ({@link SqsWorkSource} and the
 * electron invoker) runs in this JVM against the local cloud's moto directly, as the container would.
 */
@Tag("local-cloud")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PoolSqsThrottlingLocalCloudTest {

    private static final int ELECTRONS = 25;

    @Test
    void everyElectronCompletesRightWhileHalfThePoolClientsSqsCallsAreThrottled() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        URI moto = URI.create(cloud.env.get("AWS_ENDPOINT_URL"));
        String name = "sqs-throttling-" + UUID.randomUUID().toString().substring(0, 8);
        String bucket = name + "-results";
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        FaultPlan plan = new FaultPlan(5, List.of(new FaultRule("sqs", "*", 0.5, Fault.THROTTLE)), List.of());
        ExecutorService threads = Executors.newCachedThreadPool();
        ByteArrayOutputStream workerLog = new ByteArrayOutputStream();
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), moto, plan);
             // The product's retry policy, as settings make it (api_max_attempts, retry delays), aimed at the proxy.
             AwsClients clients = new AwsClients("us-east-1", StaticCredentialsProvider.create(
                     AwsBasicCredentials.create("testing", "testing")), 12, Duration.ofMillis(20), Duration.ofMillis(200),
                     AwsCallCounter.create(), proxy.endpoint())) {
            SqsQueues queues = new SqsQueues(clients.sqs());
            String work = queues.ensureWorkQueue(name, 30, 3);
            String completions = queues.ensureCompletionQueue(name + "-done", 30);
            String dispatch = UUID.randomUUID().toString();

            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < ELECTRONS; i++) {
                TaskSpec spec = EcsExecutorLocalCloudTest.spec(dispatch, "sq" + i, "square", List.of("int"), i);
                spec = new TaskSpec(spec.wireVersion(), dispatch, spec.nodeId(), 1, spec.className(), spec.methodName(),
                        spec.parameterTypes(), spec.arguments(), "s3://" + bucket + "/" + spec.nodeId() + "/result.json");
                bodies.add(Wire.mapper().writeValueAsString(new WorkMessage(Wire.VERSION, "v1", spec, null, completions, null)));
            }
            for (int from = 0; from < ELECTRONS; from += SqsQueues.BATCH) {
                assertEquals(Map.of(), queues.sendBatch(work, bodies.subList(from, Math.min(ELECTRONS, from + SqsQueues.BATCH))));
            }

            CompletableFuture<WorkerLoop.Exit> worker = CompletableFuture.supplyAsync(() -> worker(work, workerLog), threads);
            CompletionInbox inbox = new CompletionInbox(completions, queues, threads,
                    event -> new TaskOutcome(event.result(), Map.of("delivery", String.valueOf(event.delivery()))));
            List<CompletableFuture<TaskOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < ELECTRONS; i++) {
                outcomes.add(inbox.await(CompletionInbox.key(dispatch, "sq" + i, 1)));
            }

            for (int i = 0; i < ELECTRONS; i++) {
                TaskOutcome outcome = outcomes.get(i).get(90, TimeUnit.SECONDS);
                assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
                assertEquals(i * i, outcome.result().value().asInt(), "node sq" + i);
            }
            inbox.close();
            assertEquals(WorkerLoop.Exit.IDLE, worker.get(60, TimeUnit.SECONDS), workerLog.toString(StandardCharsets.UTF_8));
            FaultStats stats = proxy.stats();
            System.out.println("SQS calls through the fault proxy: " + stats);
            for (String call : List.of("sqs:SendMessageBatch", "sqs:ReceiveMessage", "sqs:DeleteMessageBatch")) {
                assertTrue(stats.of(call).throttle() > 0, call + " was throttled: " + stats);
                assertTrue(stats.of(call).forwarded() > 0, call + " got through: " + stats);
            }
            assertEquals(3, stats.of("sqs:SendMessageBatch").forwarded(), "each batch reached SQS once: " + stats);
            queues.delete(work);
            queues.delete(completions);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A pool worker as the container runs it, on moto directly (the environment's endpoint), exiting when idle. */
    private static WorkerLoop.Exit worker(String workQueue, ByteArrayOutputStream log) {
        WorkSource source = new SqsWorkSource.Provider().open(URI.create(SqsWorkSource.SCHEME + ":" + workQueue), Map.of(
                SqsWorkSource.ENV_VISIBILITY_SECONDS, "30", SqsWorkSource.ENV_MAX_ATTEMPTS, "3",
                WorkerMain.ENV_CODE_VERSION, "v1"));
        return new WorkerLoop(source, source.resultSink(), new ElectronInvoker(PoolSqsThrottlingLocalCloudTest.class.getClassLoader()),
                new WorkerLoop.Options(4, Duration.ofSeconds(3), Duration.ofSeconds(1), "v1"), Clock.systemUTC(),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
    }
}
