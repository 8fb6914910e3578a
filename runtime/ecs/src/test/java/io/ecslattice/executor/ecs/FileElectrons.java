package io.ecslattice.executor.ecs;

import io.ecslattice.workflow.FileRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Electrons that take and return files by reference, as a user writes them. */
public final class FileElectrons {

    private FileElectrons() {
    }

    /** A copy of {@code in} with a line appended, as a new file the electron returns. */
    public static FileRef appendLine(FileRef in, String line) throws IOException {
        Path out = Files.createTempDirectory("appended").resolve(in.name() + ".out");
        Files.copy(in.path(), out);
        try (OutputStream append = Files.newOutputStream(out, java.nio.file.StandardOpenOption.APPEND)) {
            append.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return FileRef.of(out);
    }

    /** "size sha256" of the file, streamed. */
    public static String sizeAndDigest(FileRef file) throws IOException, NoSuchAlgorithmException {
        return describe(file.path());
    }

    /**
     * Both descriptions, and how many download directories of the task runner are left in this JVM's temporary
     * directory: on a warm pool worker, the electrons that ran before on it must have left none.
     */
    public static String both(String first, String second) throws IOException {
        long leftovers;
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            leftovers = entries.filter(p -> p.getFileName().toString().startsWith("ecs-lattice-files-")).count();
        }
        return first + "\n" + second + "\nleftover downloads: " + leftovers;
    }

    /** "size sha256" of {@code path}, streamed. */
    public static String describe(Path path) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Files.size(path) + " " + HexFormat.of().formatHex(digest.digest());
    }
}
