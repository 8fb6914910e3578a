package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill: the code changes while pool workers are warm. Each electron returns the version resource of the image
 * its worker runs, so an electron of the new code run by an old worker would answer the old version. The old
 * workers, idle on the same work queue, receive the new electrons first and put them back; with
 * task_max_attempts = 1 a put-back that used up a delivery would dead-letter the electron (the visibility is long,
 * so that a worker slowed down by a loaded machine still extends it in time).
 */
@Tag("local-cloud")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PoolCodeChangeLocalCloudTest {
    @TempDir
    Path dir;

    @Test
    void noElectronOfTheNewCodeRunsOnAWorkerOfTheOldAndHandingBackUsesNoDelivery() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        Path resources = dir.resolve("resources");
        Files.createDirectories(resources);
        String marker = UUID.randomUUID().toString();
        List<Path> classpath = new ArrayList<>(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList());
        classpath.add(resources);

        try (EcsExecutor executor = cloud.executor(dir.resolve("cache")).set("mode", "pool").set("pool_max_workers", 2)
                .set("pool_idle_seconds", 60).set("task_max_attempts", 1).set("pool_visibility_seconds", 30).build()) {
            Files.writeString(resources.resolve("version.txt"), "v1-" + marker);
            List<Ran> old = run(executor, classpath, 2);
            old.forEach(r -> assertEquals("v1-" + marker, String.valueOf(r.outcome().result().value()).replace("\"", ""),
                    r.outcome().result().error() + " " + r.outcome().details()));

            Files.writeString(resources.resolve("version.txt"), "v2-" + marker);
            List<Ran> changed = run(executor, classpath, 4);
            for (Ran ran : changed) {
                TaskOutcome outcome = ran.outcome();
                assertTrue(outcome.result().succeeded(), () -> outcome.result().error() + " " + outcome.details());
                assertEquals("v2-" + marker, outcome.result().value().asText(), "an old worker ran new code: " + outcome.details());
                assertEquals("1", outcome.details().get("delivery"), "a hand-back counted as a delivery: " + outcome.details());
            }
            assertNotEquals(old.get(0).handle().details().get("codeVersion"), changed.get(0).handle().details().get("codeVersion"));
        }
    }

    private record Ran(TaskHandle handle, TaskOutcome outcome) {
    }

    private static List<Ran> run(EcsExecutor executor, List<Path> classpath, int electrons) throws Exception {
        String dispatch = UUID.randomUUID().toString();
        TaskContext context = new TaskContext(dispatch, "code-change", classpath);
        List<TaskHandle> handles = new ArrayList<>();
        for (int i = 0; i < electrons; i++) {
            handles.add(executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "v" + i, "resource", List.of("java.lang.String"),
                    "version.txt"), context).get(2, TimeUnit.MINUTES));
        }
        List<Ran> outcomes = new ArrayList<>();
        for (TaskHandle handle : handles) {
            outcomes.add(new Ran(handle, executor.await(handle).get(3, TimeUnit.MINUTES)));
        }
        executor.dispatchEnded(dispatch);
        return outcomes;
    }
}
