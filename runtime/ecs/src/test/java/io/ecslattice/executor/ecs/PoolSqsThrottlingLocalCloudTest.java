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
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pool under SQS throttling, without containers: the fault proxy answers 30 % of all SQS calls with
 * SQS's {@code RequestThrottled}, the client's (CreateQueue, SendMessageBatch, ReceiveMessage,
 * DeleteMessageBatch, ...) and the worker's (ReceiveMessage, SendMessage, DeleteMessage, ...). The client's
 * retry policy, {@link SqsQueues} and {@link CompletionInbox} and the worker's default SDK retries and
 * at-least-once handling must still bring every electron's right result home, once. The worker is the real
 * loop ({@link SqsWorkSource} and the electron invoker) in this JVM, its clients built from the environment
 * as in a container.
 */
@Tag("local-cloud")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PoolSqsThrottlingLocalCloudTest {

    private static final int ELECTRONS = 25;
    /** Short, so an electron whose worker could not hand it back reappears soon. */
    private static final int VISIBILITY_SECONDS = 5;
    /** The system property SDK v2 reads like AWS_ENDPOINT_URL, and before it. */
    private static final String ENDPOINT_PROPERTY = "aws.endpointUrl";

    @Test
    void everyElectronCompletesRightWhileHalfThePoolClientsSqsCallsAreThrottled() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        URI moto = URI.create(cloud.env.get("AWS_ENDPOINT_URL"));
        String name = "sqs-throttling-" + UUID.randomUUID().toString().substring(0, 8);
        String bucket = name + "-results";
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        // The client's sends come first, in order, so their draws repeat with the seed; its deletes (about 15)
        // interleave with the worker's calls, so they get a share that throttles some of them in practice.
        FaultPlan plan = new FaultPlan(5, List.of(new FaultRule("sqs", "DeleteMessageBatch", 0.5, Fault.THROTTLE),
                new FaultRule("sqs", "*", 0.3, Fault.THROTTLE)), List.of());
        ExecutorService threads = Executors.newCachedThreadPool();
        ByteArrayOutputStream workerLog = new ByteArrayOutputStream();
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), moto, plan);
             // The product's retry policy, as settings make it (api_max_attempts, retry delays), aimed at the proxy.
             AwsClients clients = new AwsClients("us-east-1", StaticCredentialsProvider.create(
                     AwsBasicCredentials.create("testing", "testing")), 12, Duration.ofMillis(20), Duration.ofMillis(200),
                     AwsCallCounter.create(), proxy.endpoint())) {
            SqsQueues queues = new SqsQueues(clients.sqs());
            String work = queues.ensureWorkQueue(name, VISIBILITY_SECONDS, 3);
            String completions = queues.ensureCompletionQueue(name + "-done", 30);
            String dispatch = UUID.randomUUID().toString();

            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < ELECTRONS; i++) {
                TaskSpec spec = EcsExecutorLocalCloudTest.spec(dispatch, "sq" + i, "square", List.of("int"), i);
                spec = new TaskSpec(spec.wireVersion(), dispatch, spec.nodeId(), 1, spec.className(), spec.methodName(),
                        spec.parameterTypes(), spec.arguments(), "s3://" + bucket + "/" + spec.nodeId() + "/result.json");
                bodies.add(Wire.mapper().writeValueAsString(new WorkMessage(Wire.VERSION, "v1", spec, null, completions, null, null, null)));
            }
            for (int from = 0; from < ELECTRONS; from += SqsQueues.BATCH) {
                assertEquals(Map.of(), queues.sendBatch(work, bodies.subList(from, Math.min(ELECTRONS, from + SqsQueues.BATCH))));
            }

            // As the pool scaler does while electrons are awaited: a worker that went idle (its released electron
            // still invisible) is followed by a new one. Its own SQS calls go through the proxy too.
            AtomicBoolean allIn = new AtomicBoolean();
            AtomicInteger workers = new AtomicInteger();
            CompletableFuture<Void> working = CompletableFuture.runAsync(() -> throughProxy(proxy.endpoint(), () -> {
                while (!allIn.get()) {
                    workers.incrementAndGet();
                    assertEquals(WorkerLoop.Exit.IDLE, worker(work, workerLog), workerLog.toString(StandardCharsets.UTF_8));
                }
                return null;
            }), threads);
            CompletionInbox inbox = new CompletionInbox(completions, queues, threads, threads, PoolSqsThrottlingLocalCloudTest::outcome);
            int redelivered = 0;
            try {
                List<CompletableFuture<TaskOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < ELECTRONS; i++) {
                    outcomes.add(inbox.await(CompletionInbox.key(dispatch, "sq" + i, 1)));
                }
                for (int i = 0; i < ELECTRONS; i++) {
                    TaskOutcome outcome = outcomes.get(i).get(60, TimeUnit.SECONDS);
                    assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
                    assertEquals(i * i, outcome.result().value().asInt(), "node sq" + i);
                    redelivered += outcome.details().get("delivery").equals("1") ? 0 : 1;
                }
                allIn.set(true);
                working.get(30, TimeUnit.SECONDS);
            } finally {
                allIn.set(true);
                inbox.close();
            }
            FaultStats stats = proxy.stats();
            System.out.println("SQS calls through the fault proxy: " + stats + "; " + workers + " worker(s), " + redelivered
                    + " electron(s) completed on a later delivery");
            // Client: SendMessageBatch, ReceiveMessage, DeleteMessageBatch; worker: ReceiveMessage, SendMessage, DeleteMessage.
            for (String call : List.of("sqs:SendMessageBatch", "sqs:ReceiveMessage", "sqs:DeleteMessageBatch", "sqs:SendMessage",
                    "sqs:DeleteMessage")) {
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

    /**
     * A worker that cannot take an electron (every read of its cancel marker throttled past the SDK's retries) hands
     * it back instead of dropping it; after its deliveries it is reported dead-lettered, so the node fails and says
     * why rather than wait forever. (Before, the worker deleted such a message: the electron was lost silently.)
     */
    @Test
    void anElectronAWorkerCannotTakeIsHandedBackAndReportedDeadLetteredNeverLost() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        URI moto = URI.create(cloud.env.get("AWS_ENDPOINT_URL"));
        String name = "s3-throttling-" + UUID.randomUUID().toString().substring(0, 8);
        String bucket = name + "-results";
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        FaultPlan plan = new FaultPlan(7, List.of(new FaultRule("s3", "HeadObject", 1.0, Fault.THROTTLE)), List.of());
        ByteArrayOutputStream workerLog = new ByteArrayOutputStream();
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), moto, plan);
             AwsClients clients = new AwsClients("us-east-1", StaticCredentialsProvider.create(
                     AwsBasicCredentials.create("testing", "testing")), 12, Duration.ofMillis(20), Duration.ofMillis(200),
                     AwsCallCounter.create(), moto)) {
            SqsQueues queues = new SqsQueues(clients.sqs());
            // As the executor makes it: SQS's own redrive one receive after the worker's last allowed delivery.
            String work = queues.ensureWorkQueue(name, VISIBILITY_SECONDS, 4);
            String completions = queues.ensureCompletionQueue(name + "-done", 30);
            String dispatch = UUID.randomUUID().toString();
            TaskSpec spec = EcsExecutorLocalCloudTest.spec(dispatch, "sq0", "square", List.of("int"), 3);
            spec = new TaskSpec(spec.wireVersion(), dispatch, spec.nodeId(), 1, spec.className(), spec.methodName(),
                    spec.parameterTypes(), spec.arguments(), "s3://" + bucket + "/sq0/result.json");
            assertEquals(Map.of(), queues.sendBatch(work, List.of(Wire.mapper().writeValueAsString(new WorkMessage(Wire.VERSION,
                    "v1", spec, null, completions, "s3://" + bucket + "/sq0/cancel", null, null)))));

            // Workers one after another, as the pool scaler starts them while the electron is awaited (one that took
            // no electron exits when idle), until the completion comes.
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger workers = new AtomicInteger();
            CompletableFuture<Void> working = CompletableFuture.runAsync(() -> throughProxy(proxy.endpoint(), () -> {
                while (!done.get() && workers.incrementAndGet() <= 30) {
                    worker(work, workerLog);
                }
                return null;
            }));
            List<PoolEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            try {
                while (events.isEmpty() && System.nanoTime() < deadline) {
                    for (var message : queues.receive(completions, 5)) {
                        events.add(Wire.mapper().readValue(message.body(), PoolEvent.class));
                    }
                }
            } finally {
                done.set(true);
            }
            working.get(60, TimeUnit.SECONDS);

            String log = workerLog.toString(StandardCharsets.UTF_8);
            assertEquals(1, events.size(), "one completion: " + events + "\n" + log);
            assertEquals(PoolEvent.Kind.DEAD_LETTERED, events.get(0).kind(), events.toString());
            assertEquals(4, events.get(0).delivery(), events.toString());
            assertTrue(events.get(0).refusal().startsWith("it could not take it: "), "the worker's reason travels with it: "
                    + events.get(0).refusal());
            // Each of the 3 deliveries read the marker (retried by the SDK) and was refused; none ran the electron.
            assertTrue(proxy.stats().of("s3:HeadObject").throttle() >= 3, proxy.stats().toString());
            assertEquals(0, proxy.stats().of("s3:HeadObject").forwarded(), proxy.stats().toString());
            try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
                assertEquals(0, s3.listObjectsV2(r -> r.bucket(bucket)).keyCount(), "no result object: the electron never ran");
            }
            queues.delete(work);
            queues.delete(work + "-dlq");
            queues.delete(completions);
        }
    }

    /** A completion as the client reads it; a dead letter (no result) becomes an error naming it. */
    private static TaskOutcome outcome(PoolEvent event) {
        TaskResult result = event.result() != null ? event.result() : new TaskResult(Wire.VERSION, event.dispatchId(),
                event.nodeId(), null, new TaskError(event.kind().name(), "after " + event.delivery() + " deliveries", ""), "", "",
                Instant.now(), Instant.now());
        return new TaskOutcome(result, Map.of("delivery", String.valueOf(event.delivery())));
    }

    /**
     * Runs {@code body} with the SDK's default endpoint (what a container reads from AWS_ENDPOINT_URL) set to the
     * proxy, so the worker's own default-built clients are throttled too; restores the endpoint after.
     */
    private static <T> T throughProxy(URI endpoint, java.util.function.Supplier<T> body) {
        String before = System.getProperty(ENDPOINT_PROPERTY);
        System.setProperty(ENDPOINT_PROPERTY, endpoint.toString());
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(ENDPOINT_PROPERTY);
            } else {
                System.setProperty(ENDPOINT_PROPERTY, before);
            }
        }
    }

    /** A pool worker as the container runs it, with clients built from the environment, exiting when idle. */
    private static WorkerLoop.Exit worker(String workQueue, ByteArrayOutputStream log) {
        WorkSource source = new SqsWorkSource.Provider().open(URI.create(SqsWorkSource.SCHEME + ":" + workQueue), Map.of(
                SqsWorkSource.ENV_VISIBILITY_SECONDS, String.valueOf(VISIBILITY_SECONDS), SqsWorkSource.ENV_MAX_ATTEMPTS, "3",
                WorkerMain.ENV_CODE_VERSION, "v1"));
        return new WorkerLoop(source, source.resultSink(), new ElectronInvoker(PoolSqsThrottlingLocalCloudTest.class.getClassLoader()),
                new WorkerLoop.Options(4, Duration.ofSeconds(3), Duration.ofSeconds(1), "v1"), Clock.systemUTC(),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
    }
}
