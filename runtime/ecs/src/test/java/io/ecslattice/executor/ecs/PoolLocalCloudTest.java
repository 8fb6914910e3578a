package io.ecslattice.executor.ecs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The ECS executor in pool mode against the local cloud: workers are real containers started by RunTask
 * through the local agent, fed by moto's SQS. An electron that kills its JVM on every delivery is
 * dead-lettered after task_max_attempts and fails naming the dead workers; the others finish. Once the
 * last electron has run, the workers stop by themselves after pool_idle_seconds; when the dispatch ends, its
 * completion queue is deleted. A timeout stops a running pool electron (through its cancel marker).
 */
@Tag("local-cloud")
@Timeout(value = 7, unit = TimeUnit.MINUTES)
class PoolLocalCloudTest {
    @TempDir
    Path cache;

    @Test
    void electronsRunOnWarmWorkersAPoisonElectronIsDeadLetteredThePoolDrainsAndTheCompletionQueueGoesWithTheDispatch() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        try (EcsExecutor executor = cloud.executor(cache).set("mode", "pool").set("pool_max_workers", 2)
                .set("pool_idle_seconds", 20).set("task_max_attempts", 2).set("pool_visibility_seconds", 3).build()) {
            Instant started = Instant.now();
            String dispatch = UUID.randomUUID().toString();
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            List<TaskHandle> squares = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                squares.add(executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "sq" + i, "square", List.of("int"), i), context)
                        .get(2, TimeUnit.MINUTES));
            }
            TaskSpec poison = EcsExecutorLocalCloudTest.spec(dispatch, "poison", "exitWithoutResult", List.of("int"), 7);
            TaskHandle dies = executor.submit(poison, context).get(2, TimeUnit.MINUTES);
            TaskHandle sleeper = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "sleeper", "sleep", List.of("int"), 600),
                    context).get(2, TimeUnit.MINUTES);
            // A timeout stops a pool electron, queued or running (it has no task to StopTask): its await ends at once,
            // and a worker skips it or interrupts it at its next keep-alive, so it holds no worker for 600 s.
            executor.stopForTimeout(sleeper, Duration.ofSeconds(1)).get(1, TimeUnit.MINUTES);
            TaskOutcome stopped = executor.await(sleeper).get(10, TimeUnit.SECONDS);
            assertFalse(stopped.result().succeeded());
            assertEquals("Cancelled", stopped.result().error().type(), stopped.result().error().message());

            for (int i = 0; i < squares.size(); i++) {
                TaskOutcome outcome = executor.await(squares.get(i)).get(3, TimeUnit.MINUTES);
                assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
                assertEquals(i * i, outcome.result().value().asInt());
                assertEquals("pool", outcome.details().get("mode"));
                assertTrue(outcome.details().containsKey("worker"), outcome.details().toString());
            }
            TaskOutcome dead = executor.await(dies).get(3, TimeUnit.MINUTES);
            assertFalse(dead.result().succeeded());
            // Dead-lettered only after task_max_attempts (2) deliveries ran: the third delivery at the earliest. A loaded
            // machine may add one (a 3 s visibility expiring before a new worker's first keep-alive), never remove one.
            assertTrue(Integer.parseInt(dead.details().get("delivery")) >= 3, dead.details().toString());
            assertTrue(dead.result().error().message().contains("dead-letter"), dead.result().error().message());
            assertEquals("7", dead.details().get("exitCode"), dead.result().error().message());
            System.out.println("pool client AWS calls: " + executor.awsCalls().calls());
            // The scaler counts workers when it needs more than it knows of, or when its count is stale; not every tick.
            long staleCounts = Duration.between(started, Instant.now()).dividedBy(PoolScaler.staleAfter(Duration.ofSeconds(20)));
            assertTrue(executor.awsCalls().count("ecs:ListTasks") <= 2 + staleCounts, executor.awsCalls().calls().toString());

            // The pool drains: pool_idle_seconds (20) after the last electron, no worker of it runs.
            String startedBy = PoolShape.of(executor.settings()).startedBy(squares.get(0).details().get("codeVersion"));
            await("no worker " + startedBy + " running").atMost(Duration.ofSeconds(20 + 90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> LocalCloud.ecsTasks(executor.settings()).runningStartedBy(startedBy).isEmpty());

            String completions = squares.get(0).details().get("completionQueue");
            executor.dispatchEnded(dispatch);
            try (SqsClient sqs = SqsClient.create()) {
                assertFalse(sqs.listQueues(r -> r.queueNamePrefix(SqsQueues.name(completions))).queueUrls().contains(completions),
                        "the completion queue outlived its dispatch: " + completions);
            }
        }
    }
}
