package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.S3Location;
import io.ecslattice.taskrunner.worker.WorkSource;
import io.ecslattice.taskrunner.worker.WorkSources;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.WorkMessage;
import io.ecslattice.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A pool electron that no worker can take (here: its claim object is in a bucket that does not exist) is handed back
 * with the worker's reason each time and dead-lettered after task_max_attempts; the node's error then carries that
 * reason and the worker's log lines (found by a filter on a node id with brackets), not "its worker died". Real SQS,
 * S3 and CloudWatch Logs (moto); the worker's work source is the one a pool worker runs, driven by the test.
 */
@Tag("local-cloud")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PoolRefusalLocalCloudTest {
    @TempDir
    Path cache;

    @Test
    void anElectronNoWorkerCanTakeFailsWithTheWorkersReasonAndLogNotAsADeadWorker() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (EcsExecutor executor = cloud.executor(cache).build(); SqsClient sqs = SqsClient.create();
             CloudWatchLogsClient cloudWatch = CloudWatchLogsClient.create()) {
            // Made as the client makes queues: usable once SQS serves them (a new queue is not, for about a second).
            SqsQueues queues = new SqsQueues(sqs);
            String workQueue = queues.ensureCompletionQueue("EcsLatticeStack_test-refusal-" + run, 30);
            String deadLetters = queues.ensureCompletionQueue("EcsLatticeStack_test-refusal-" + run + "-dlq", 30);
            String completions = queues.ensureCompletionQueue("EcsLatticeStack_test-done-" + run, 30);
            String dispatch = "d-" + run;
            TaskSpec spec = new TaskSpec(Wire.VERSION, dispatch, "1[9]", 1, E2eElectrons.class.getName(), "square",
                    List.of("int"), List.of(IntNode.valueOf(3)),
                    new S3Location(executor.settings().s3BucketName(), Keys.key("tests", run, "1[9]", "result.json")).toString());
            String claim = new S3Location("no-such-bucket-" + run, "claim").toString();
            String body = Wire.mapper().writeValueAsString(new WorkMessage(Wire.VERSION, "v1", spec, null, completions, null,
                    "send-1", claim));
            sqs.sendMessage(r -> r.queueUrl(workQueue).messageBody(body));

            ByteArrayOutputStream log = new ByteArrayOutputStream();
            AtomicReference<PoolEvent> event = new AtomicReference<>();
            try (WorkSource worker = WorkSources.sqs(SqsClient.create(), workQueue, deadLetters, 5, 2, "v1", "worker-" + run,
                    new PrintStream(log, true, StandardCharsets.UTF_8))) {
                Awaitility.await("the electron's dead-letter completion").atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO)
                        .until(() -> {
                            assertTrue(worker.receive(10, Duration.ofSeconds(1)).isEmpty(), "nothing was taken to run");
                            List<Message> done = sqs.receiveMessage(r -> r.queueUrl(completions).waitTimeSeconds(0)).messages();
                            if (!done.isEmpty()) {
                                event.set(Wire.mapper().readValue(done.get(0).body(), PoolEvent.class));
                            }
                            return event.get() != null;
                        });
            }

            PoolEvent deadLettered = event.get();
            assertEquals(PoolEvent.Kind.DEAD_LETTERED, deadLettered.kind());
            assertEquals(3, deadLettered.delivery(), "two refused deliveries, then the one that reports it");
            assertTrue(deadLettered.refusal().startsWith("it could not take it: software.amazon.awssdk.services.s3.model."),
                    deadLettered.refusal());
            String workerLog = log.toString(StandardCharsets.UTF_8);
            String mention = PoolEvent.logMention(dispatch, "1[9]", 1);
            assertTrue(workerLog.contains("cannot take electron " + E2eElectrons.class.getName() + ".square (" + mention + ")"),
                    workerLog);
            assertEquals(1, sqs.receiveMessage(r -> r.queueUrl(deadLetters).waitTimeSeconds(1)).messages().size(),
                    "the message is in the dead-letter queue");

            // The worker's output reaches its task's log stream, as the ECS agent ships a container's output.
            String group = executor.settings().ecsTaskLogGroupName();
            String stream = "ecs-lattice/electron/worker" + run;   // as the task definition names a task's stream
            cloudWatch.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
            List<InputLogEvent> lines = new ArrayList<>();
            long now = System.currentTimeMillis();
            workerLog.lines().forEach(line -> lines.add(InputLogEvent.builder().timestamp(now).message(line).build()));
            cloudWatch.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(lines));

            TaskOutcome outcome = new DeadLetterReport(new TaskLogs(cloudWatch), LocalCloud.ecsTasks(executor.settings()), group)
                    .outcome(deadLettered, new LinkedHashMap<>());
            String error = outcome.result().error().message();
            assertEquals(DeadLetterReport.REFUSED, outcome.result().error().type(), error);
            assertTrue(error.startsWith("node 1[9] was delivered 2 time(s) (task_max_attempts) and never finished; it was moved"
                    + " to the dead-letter queue. The last worker that had it handed it back because " + deadLettered.refusal()),
                    error);
            assertFalse(error.contains("died") || error.contains("no worker log"), error);
            assertTrue(error.contains("cannot take electron"), "the worker's log lines, found by the filter: " + error);
            assertEquals(stream, outcome.details().get("logStream"));
            for (String queue : List.of(workQueue, deadLetters, completions)) {
                sqs.deleteQueue(r -> r.queueUrl(queue));
            }
        }
    }
}
