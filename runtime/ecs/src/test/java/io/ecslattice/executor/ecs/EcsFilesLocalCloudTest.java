package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.FileRef;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB file through two electrons on ECS on the local cloud: the client uploads it to the bucket, the
 * task runner downloads it before the first electron runs and uploads the file that electron returns, the
 * second electron gets that one downloaded; only references pass through JSON and the results store.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EcsFilesLocalCloudTest {

    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aHundredMegabyteFileGoesThroughElectronsByReference() throws Exception {
        Path input = dir.resolve("big input.bin");
        Random random = new Random(42);
        byte[] chunk = new byte[MB];
        try (OutputStream out = Files.newOutputStream(input)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Path expected = dir.resolve("expected.bin");
        Files.copy(input, expected);
        Files.writeString(expected, "processed\n", java.nio.file.StandardOpenOption.APPEND);

        EcsExecutor ecs = LocalCloud.require().executor(dir.resolve("cache")).name("ecs-files").build();
        try (Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30))) {
            dispatcher.registry().register(ecs);
            var append = Electron.of(FileElectrons::appendLine).executor(ecs);
            var describe = Electron.of(FileElectrons::sizeAndDigest).executor(ecs);
            var lattice = Lattice.of("big-file",
                    (Value<FileRef> file) -> describe.call(append.call(file, Value.of("processed"))));

            var dispatch = lattice.dispatch(dispatcher, FileRef.of(input));
            String id = dispatch.id();
            Result<String> result = dispatch.result(Duration.ofMinutes(6));

            assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
            assertEquals(FileElectrons.describe(expected), result.value());
            NodeRecord appended = dispatcher.store().reader().node(id, "0").orElseThrow();
            String returned = appended.output().get("uri").asText();
            assertTrue(returned.startsWith("s3://") && returned.endsWith("/big_input.bin.out"), returned);
            assertEquals(1, appended.output().size(), "only the reference is stored: " + appended.output());
            assertTrue(appended.inputs().get(0).get("uri").asText().startsWith("file:"), "the store keeps the caller's reference");
        }
        long storeBytes = Files.size(dir.resolve("results.db")) + sizeIfExists(dir.resolve("results.db-wal"));
        assertTrue(storeBytes < 5 * MB, "the results store stays small: " + storeBytes + " bytes");
    }

    private static long sizeIfExists(Path path) throws java.io.IOException {
        return Files.exists(path) ? Files.size(path) : 0;
    }
}
