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
 * Column: the ECS executor in task mode on the local cloud, one container per electron (configured from the stack's
 * outputs and the local cloud's registry and base image, as runtime-ecs's tests do). Both ECS columns share one
 * {@code cache_dir} under target/, so the second (and the next run) reuses the first's image instead of building it. Each map item is a container,
 * so the big map has 20 items.
 */
@Order(4)
@Tag("local-cloud")
class EcsTaskColumnTest extends ConformanceSuite {
    private String bucket;

    @Override
    protected String column() {
        return "ecs-task";
    }

    @Override
    protected Executor executor(Path dir) {
        EcsExecutor ecs = LocalCloud.require().executor(MatrixReport.directory().resolve("ecs-cache")).name(column()).build();
        bucket = ecs.settings().s3BucketName();
        return ecs;
    }

    @Override
    protected int mapItems() {
        return 20;
    }

    @Override
    protected Duration patience() {
        return Duration.ofMinutes(4);
    }

    @Override
    protected String scratchRoot(Path dir) {
        return "s3://" + bucket + "/conformance/" + UUID.randomUUID() + "/";
    }
}
