package io.ecslattice.executor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local pool's code version: what a warm JVM must share with an electron to run it. A hash of the
 * launcher, the JVM options, the classpath and its contents as the file system shows them (a jar's
 * size and time, a class directory's newest file time and file count), so recompiled classes on the
 * same classpath get new JVMs instead of running stale code.
 */
final class CodeVersion {

    private CodeVersion() {
    }

    /** The version of {@code classpath} run by {@code java} with {@code jvmOptions}. */
    static String of(Path java, List<String> jvmOptions, List<Path> classpath) {
        MessageDigest digest = sha256();
        update(digest, java.toString());
        jvmOptions.forEach(option -> update(digest, option));
        for (Path entry : classpath) {
            update(digest, entry.toString());
            update(digest, fingerprint(entry));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static String fingerprint(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                long newest = 0;
                long files = 0;
                try (Stream<Path> tree = Files.walk(entry)) {
                    for (Path path : (Iterable<Path>) tree::iterator) {
                        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                        newest = Math.max(newest, attributes.lastModifiedTime().toMillis());
                        files++;
                    }
                }
                return "dir " + newest + " " + files;
            }
            if (Files.exists(entry)) {
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                return "file " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
            }
            return "missing";
        } catch (IOException | UncheckedIOException e) {
            // A classpath entry changing while it is read: any value that differs from a later read will do.
            return "unreadable " + System.nanoTime();
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
