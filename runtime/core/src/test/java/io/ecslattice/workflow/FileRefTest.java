package io.ecslattice.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRefTest {

    @TempDir
    Path dir;

    @Test
    void itCrossesTheWireAsItsUriAloneSoTheTaskRunnerFindsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("in put.txt"), "x");
        FileRef ref = FileRef.of(file);

        JsonNode json = Wire.mapper().valueToTree(ref);

        assertEquals(1, json.size(), json.toString());
        assertTrue(io.ecslattice.wire.FileRef.isFileRef(json), json.toString());
        assertEquals(ref, Wire.mapper().treeToValue(json, FileRef.class));
        assertEquals("in put.txt", ref.name());
    }

    @Test
    void aLocalFileOpensAndDownloadsAndSoDoesADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "hello");
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(tree.resolve("b.txt"), "b");

        try (InputStream in = FileRef.of(file).openStream()) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path copy = FileRef.of(file).download(dir.resolve("out/copy.txt"));
        FileRef.of(dir.resolve("tree")).download(dir.resolve("out/tree"));

        assertEquals("hello", Files.readString(copy));
        assertEquals("b", Files.readString(dir.resolve("out/tree/sub/b.txt")));
    }

    @Test
    void anS3FileWithoutItsFetcherOnTheClasspathSaysWhatToAdd() {
        FileRef ref = FileRef.s3("bucket", "runs/out.txt");

        assertFalse(ref.isLocal());
        WorkflowException e = assertThrows(WorkflowException.class, ref::openStream);
        assertTrue(e.getMessage().contains("no FileFetcher for scheme s3") && e.getMessage().contains("runtime-ecs"), e.getMessage());
        assertTrue(assertThrows(WorkflowException.class, ref::path).getMessage().contains("download(path)"));
    }

    @Test
    void aMissingLocalFileOrABadUriIsRejectedNamingIt() {
        assertTrue(assertThrows(WorkflowException.class, () -> FileRef.of(dir.resolve("nope"))).getMessage().contains("nope"));
        assertTrue(assertThrows(WorkflowException.class, () -> new FileRef("http://example.com/x")).getMessage()
                .contains("file:// (a local file) or s3://"));
    }
}
