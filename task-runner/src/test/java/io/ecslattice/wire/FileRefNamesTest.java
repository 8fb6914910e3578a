package io.ecslattice.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.taskrunner.S3Location;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File references whose names hold what a URI cannot: they are built, parsed and named back unchanged. */
class FileRefNamesTest {
    private static final String NAME = "report [1] #2 50% ready? \"final\" מפה 🚀.txt";

    @TempDir
    Path dir;

    @Test
    void anS3ReferenceToAnyKeyIsAUriAndGivesItsNameAndKeyBack() {
        FileRef ref = FileRef.s3("bucket", "ecs-lattice/d/1_5B15_5D/1/files/0/" + NAME);
        assertEquals("s3", URI.create(ref.uri()).getScheme());
        assertEquals(NAME, ref.name());
        assertEquals("ecs-lattice/d/1_5B15_5D/1/files/0/" + NAME, S3Location.parse(ref.uri()).key());
        assertEquals(ref.uri(), new S3Location("bucket", S3Location.parse(ref.uri()).key()).toString());
    }

    @Test
    void aLocalFileWithAnAwkwardNameKeepsItsPathAndName() throws Exception {
        Path file = Files.writeString(dir.resolve(NAME), "x");
        FileRef ref = FileRef.of(file);
        assertEquals(file.toAbsolutePath().normalize(), ref.path());
        assertEquals(NAME, ref.name());
    }

    @Test
    void aHandWrittenUriThatIsNoUriIsRefusedSayingHowToMakeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FileRef("s3://bucket/a b[1].txt"));
        assertTrue(e.getMessage().contains("s3://bucket/a b[1].txt") && e.getMessage().contains("FileRef.s3(bucket, key)"),
                e.getMessage());
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://b/1[9]/x"));
        assertTrue(parse.getMessage().contains("s3://b/1[9]/x") && parse.getMessage().contains("Illegal character"),
                parse.getMessage());
    }
}
