package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.FileRef;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import io.ecslattice.workflow.WorkflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files by reference through electrons on the local executor (child JVMs), and a missing file rejected at dispatch. */
class LocalFilesTest {

    @TempDir
    Path dir;

    /** Writes the upper-cased text of {@code in} to a new file beside it and returns that file. */
    public static FileRef upperCase(FileRef in) throws IOException {
        Path out = in.path().resolveSibling(in.name() + ".upper");
        Files.writeString(out, Files.readString(in.path()).toUpperCase());
        return FileRef.of(out);
    }

    public static String read(FileRef in) throws IOException {
        return Files.readString(in.path());
    }

    @Test
    void aFileGoesThroughElectronsInChildJvmsByReference() throws Exception {
        Path input = Files.writeString(dir.resolve("words.txt"), "hello files");
        try (Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30))) {
            dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
            var upper = Electron.of(LocalFilesTest::upperCase);
            var read = Electron.of(LocalFilesTest::read);
            var lattice = Lattice.of("files", (Value<FileRef> file) -> read.call(upper.call(file)));

            var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), FileRef.of(input));
            String id = dispatch.id();
            Result<String> result = dispatch.result(Duration.ofSeconds(90));

            assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
            assertEquals("HELLO FILES", result.value());
            assertEquals("{\"uri\":\"" + dir.resolve("words.txt.upper").toUri() + "\"}",
                    dispatcher.store().reader().node(id, "0").orElseThrow().output().toString());
        }
    }

    @Test
    void aFileThatDoesNotExistIsRejectedBeforeAnythingRuns() throws Exception {
        Path input = Files.writeString(dir.resolve("gone.txt"), "soon gone");
        FileRef ref = FileRef.of(input);
        Files.delete(input);
        try (Dispatcher dispatcher = TestDispatchers.inProcess(dir, 2)) {
            var read = Electron.of(LocalFilesTest::read);
            var lattice = Lattice.of("missing", (Value<FileRef> file) -> read.call(file));

            WorkflowException error = assertThrows(WorkflowException.class, () -> lattice.dispatch(LatticeClient.of(dispatcher), ref));

            assertTrue(error.getMessage().contains("argument 1 of lattice missing: file " + input + " does not exist"), error.getMessage());
            assertEquals(0, dispatcher.store().reader().listDispatches(10, 0).size());
        }
        WorkflowException early = assertThrows(WorkflowException.class, () -> FileRef.of(input));
        assertTrue(early.getMessage().contains("no such file or directory"), early.getMessage());
    }
}
