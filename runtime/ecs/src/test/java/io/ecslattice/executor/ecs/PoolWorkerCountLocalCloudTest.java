package io.ecslattice.executor.ecs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool scaler's worker count (ListTasks by startedBy) is a request ECS accepts: startedBy is its only
 * filter, as the strict local cloud demands, and a stopped worker drops out of the count.
 */
@Tag("local-cloud")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoolWorkerCountLocalCloudTest {
    @TempDir
    Path cache;

    @Test
    void runningStartedByCountsAStartedWorkerAndNotOnceItIsStopped() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        try (EcsExecutor executor = cloud.executor(cache).build()) {
            String dispatch = UUID.randomUUID().toString();
            executor.prepare(EcsExecutorLocalCloudTest.context(dispatch)).get(3, TimeUnit.MINUTES);
            String definition = executor.taskDefinitionArn(dispatch).orElseThrow();
            String startedBy = "count-" + dispatch.substring(0, 8);

            String worker = LocalCloud.ecsTasks(executor.settings()).runTasks(definition, 1, startedBy, UUID.randomUUID().toString(),
                    Map.of(), Map.of(), null).tasks().get(0).taskArn();
            assertEquals(List.of(worker), LocalCloud.ecsTasks(executor.settings()).runningStartedBy(startedBy));

            LocalCloud.ecsTasks(executor.settings()).stopTask(worker, "test: the count must drop it");
            await("worker " + worker + " no longer counted").atMost(Duration.ofSeconds(30))
                    .until(() -> LocalCloud.ecsTasks(executor.settings()).runningStartedBy(startedBy).isEmpty());
        }
    }
}
