package io.ecslattice.executor.ecs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.S3Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A pool electron that ignores interrupts, timed out: its worker (a real container on the local cloud) gives it the
 * cancel grace (30 s), then deletes its message and exits with code 4, so it neither runs nor bills on; the next
 * electron gets a new worker. Before, the interrupt was all, and the worker ran the electron (and its task billed) for
 * as long as it spun. A pool shape of its own (0.5 vCPU, 2 GB), so no other test's electron shares this worker.
 */
@Tag("local-cloud")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PoolStuckElectronLocalCloudTest {
    @TempDir
    Path cache;

    private static boolean exists(S3Client s3, S3Location at) {
        try {
            s3.headObject(r -> r.bucket(at.bucket()).key(at.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void aTimedOutElectronDeafToInterruptsEndsItsWorkerAfterTheGraceAndTheNextElectronGetsANewOne() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        // A pool shape no other test uses (0.5 vCPU, 4 GB): make test's streams run beside it, and the bench drill's
        // pool (0.5 vCPU, 2 GB) was created by another client in the same second once.
        try (EcsExecutor executor = cloud.executor(cache).set("mode", "pool").set("vcpu", "0.5").set("memory", "4")
                .set("pool_max_workers", 1).set("pool_idle_seconds", 20).build()) {
            String dispatch = UUID.randomUUID().toString();
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            TaskHandle spinner = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "spinner", "spinIgnoringInterrupts",
                    List.of("int"), 600), context).get(2, TimeUnit.MINUTES);
            String startedBy = PoolShape.of(executor.settings()).startedBy(spinner.details().get("codeVersion"));
            EcsTasks ecs = LocalCloud.ecsTasks(executor.settings());
            await("a worker running the spinner").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ecs.runningStartedBy(startedBy).size() == 1);
            String worker = ecs.runningStartedBy(startedBy).get(0);
            // A worker claims an attempt (a conditional PUT of its claim object) right before running it; cancelled
            // before that, it would skip it instead, and the test would show nothing.
            S3Location claim = S3Location.parse(spinner.details().get("cancelUri").replaceFirst("/cancel$", "/claim"));
            try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
                await("the spinner's claim " + claim).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> exists(s3, claim));
            }

            executor.stopForTimeout(spinner, Duration.ofSeconds(1)).get(1, TimeUnit.MINUTES);
            TaskOutcome stopped = executor.await(spinner).get(30, TimeUnit.SECONDS);
            assertFalse(stopped.result().succeeded());

            // The grace (30 s) and a margin for a loaded machine; the electron would spin 600 s.
            await("the worker " + worker + " to stop").atMost(Duration.ofSeconds(30 + 90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> ecs.describeTasks(List.of(worker)).tasks().get(0).lastStatus().equals("STOPPED"));
            Task ended = ecs.describeTasks(List.of(worker)).tasks().get(0);
            assertEquals(4, ended.containers().get(0).exitCode(), "exit code of a worker stopped for a deaf electron: " + ended);

            TaskHandle next = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "next", "square", List.of("int"), 6), context)
                    .get(2, TimeUnit.MINUTES);
            TaskOutcome outcome = executor.await(next).get(3, TimeUnit.MINUTES);
            assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
            assertEquals(36, outcome.result().value().asInt());
            String nextWorker = String.valueOf(outcome.details().get("worker"));
            assertFalse(worker.endsWith(nextWorker) || nextWorker.endsWith(worker), "the next electron ran on a new worker: " + nextWorker);
            executor.dispatchEnded(dispatch);
        }
    }
}
