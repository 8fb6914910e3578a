package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.FileRef;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB file through two electrons on ECS on the local cloud: the client uploads it to the bucket, the
 * task runner downloads it before the first electron runs and uploads the file that electron returns, the
 * second electron gets that one downloaded; only references pass through JSON and the results store.
 * Beside it, a small file of the same name takes the same path at the same time. In task mode each electron
 * is a task; in pool mode all run on one warm worker, two at once, which must stage files exactly as a task
 * does, keep the two same-named downloads apart, and leave no downloads behind.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EcsFilesLocalCloudTest {

    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "mode={0}")
    @ValueSource(strings = {"task", "pool"})
    void aHundredMegabyteFileGoesThroughElectronsByReference(String mode) throws Exception {
        Path input = randomFile(dir.resolve("big input.bin"), 100, 42);
        Path small = randomFile(Files.createDirectories(dir.resolve("other")).resolve("big input.bin"), 1, 7);

        EcsExecutorBuilder builder = LocalCloud.require().executor(dir.resolve("cache")).name("ecs-files-" + mode);
        if (mode.equals("pool")) {
            builder.set("mode", "pool").set("pool_max_workers", 1).set("worker_concurrency", 2).set("pool_idle_seconds", 10);
        }
        try (EcsExecutor ecs = builder.build(); Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30))) {
            dispatcher.registry().register(ecs);
            var append = Electron.of(FileElectrons::appendLine).executor(ecs);
            var describe = Electron.of(FileElectrons::sizeAndDigest).executor(ecs);
            var both = Electron.of(FileElectrons::both).executor(ecs);
            var lattice = Lattice.of("big-file", (Value<FileRef> big, Value<FileRef> other) -> both.call(
                    describe.call(append.call(big, Value.of("processed"))),
                    describe.call(append.call(other, Value.of("processed")))));

            var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), FileRef.of(input), FileRef.of(small));
            String id = dispatch.id();
            Result<String> result = dispatch.result(Duration.ofMinutes(6));

            assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
            assertEquals(expected(input) + "\n" + expected(small) + "\nleftover downloads: 0", result.value());
            NodeRecord appended = dispatcher.store().reader().node(id, "0").orElseThrow();
            String returned = appended.output().get("uri").asText();
            // The electron saw its input under its own name ("big input.bin", not a "_" copy), and so named its output.
            assertTrue(returned.startsWith("s3://") && returned.endsWith("/big%20input.bin.out"), returned);
            assertEquals("big input.bin.out", new FileRef(returned).name());
            // The client reads the file an ECS electron returned, from S3, through the same FileRef.
            Path back = new FileRef(returned).download(dir.resolve("back").resolve("big input.bin.out"));
            assertEquals(expected(input), FileElectrons.describe(back));
            assertEquals(1, appended.output().size(), "only the reference is stored: " + appended.output());
            assertTrue(appended.inputs().get(0).get("uri").asText().startsWith("file:"), "the store keeps the caller's reference");
        }
        long storeBytes = Files.size(dir.resolve("results.db")) + sizeIfExists(dir.resolve("results.db-wal"));
        assertTrue(storeBytes < 5 * MB, "the results store stays small: " + storeBytes + " bytes");
    }

    /** A file of {@code megabytes} seeded random megabytes. */
    private static Path randomFile(Path file, int megabytes, long seed) throws java.io.IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[MB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return file;
    }

    /** The description of {@code input} with the line the first electron appends. */
    private static String expected(Path input) throws Exception {
        Path expected = Files.createTempFile(input.getParent(), "expected", ".bin");
        Files.copy(input, expected, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(expected, "processed\n", java.nio.file.StandardOpenOption.APPEND);
        String description = FileElectrons.describe(expected);
        Files.delete(expected);
        return description;
    }

    private static long sizeIfExists(Path path) throws java.io.IOException {
        return Files.exists(path) ? Files.size(path) : 0;
    }
}
