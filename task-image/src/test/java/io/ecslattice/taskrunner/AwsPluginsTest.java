package io.ecslattice.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ecslattice.taskrunner.worker.SqsWorkSource;
import io.ecslattice.taskrunner.worker.WorkSourceProvider;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * task-runner knows no cloud: this module's service files are what give a task image its {@code s3} storage and a
 * pool worker its {@code sqs} work source. Nothing here calls AWS (the S3 client is built on first use).
 */
class AwsPluginsTest {

    @Test
    void theRunnerFindsTheS3StorageThroughTheServiceLoader() {
        assertInstanceOf(S3TaskStorage.class, TaskStorages.forUri(URI.create("s3://bucket/ecs-lattice/d/1/result.json")));
        assertInstanceOf(FileTaskStorage.class, TaskStorages.forUri(URI.create("file:///tmp/result.json")));
    }

    @Test
    void aWorkerFindsTheSqsWorkSourceThroughTheServiceLoader() {
        assertEquals(1, ServiceLoader.load(WorkSourceProvider.class).stream()
                .filter(p -> p.type().equals(SqsWorkSource.Provider.class) && p.get().scheme().equals(SqsWorkSource.SCHEME)).count());
    }
}
