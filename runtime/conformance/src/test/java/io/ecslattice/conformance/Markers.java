package io.ecslattice.conformance;

import io.ecslattice.taskrunner.S3Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Small marker objects that electrons write and rows (or other electrons) look for, across processes and
 * containers: a file for a {@code file:} URI, an object in the stack's bucket for an {@code s3://} one (what a
 * user's electron would do with the AWS SDK; the task runner's S3 client is reused here because it is in every
 * task image already). They let a row wait for "this electron is running" instead of sleeping.
 */
public final class Markers {
    private static S3Storage s3;

    private Markers() {
    }

    /** Writes {@code text} at {@code uri}, replacing what was there. */
    public static void write(String uri, String text) {
        if (uri.startsWith("s3:")) {
            storage().write(uri, text.getBytes(StandardCharsets.UTF_8), "text/plain");
            return;
        }
        try {
            Path file = Path.of(URI.create(uri));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when something was written at {@code uri}. */
    public static boolean exists(String uri) {
        return uri.startsWith("s3:") ? storage().exists(uri) : Files.exists(Path.of(URI.create(uri)));
    }

    /**
     * For electrons: waits until {@code uri} exists, looking every 100 ms, for at most {@code limit}; true when it
     * appeared. (An electron has no Awaitility; this is its condition wait, bounded.)
     */
    public static boolean await(String uri, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!exists(uri)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static synchronized S3Storage storage() {
        if (s3 == null) {
            s3 = new S3Storage();
        }
        return s3;
    }
}
