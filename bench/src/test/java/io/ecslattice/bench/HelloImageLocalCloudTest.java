package io.ecslattice.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hello workflow's task image, built from the CLI's classpath by {@code bin/ecs-lattice run} on the local
 * cloud, carries the task runner and the user's code, not the client's jars: at most 15 MB over the base image
 * (the CLI's classpath holds about 60 MB of jars), measured from the registry's manifests as {@code make bench} does.
 */
@Tag("local-cloud")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class HelloImageLocalCloudTest {
    private static final long GOAL_BYTES = 15_000_000;

    @Test
    void theHelloWorkflowsFirstDispatchPushesAtMost15MbOverTheBaseImage(@TempDir Path dir) throws Exception {
        Path cloud = Drills.localCloud();
        BenchRow row = HelloRow.run(Drills.repoRoot(), dir, cloud, "127.0.0.1:" + System.getenv()
                .getOrDefault("LOCAL_CLOUD_REGISTRY_PORT", "5000"), Duration.ofMinutes(15));

        System.out.println("hello image: " + row.bytesOverBase() + " bytes over the base image, pushed "
                + row.imagesBuilt() + "/" + row.layersPushed() + "/" + row.bytesPushed() + " (images/layers/bytes)");
        assertNotNull(row.bytesOverBase(), row::toString);
        assertTrue(row.bytesOverBase() <= GOAL_BYTES, "image over base: " + row.bytesOverBase() + " bytes, goal "
                + GOAL_BYTES + ": " + row);
        assertTrue(row.bytesPushed() <= row.bytesOverBase(), "a push never sends more than the image's own blobs: " + row);
    }
}
