package io.ecslattice.testing;

import io.ecslattice.workflow.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Electrons for retries, timeouts and ordering edges. They leave marker files in a directory they are
 * given, so a test sees what happened in whichever JVM ran them.
 */
public final class PolicySteps {

    private PolicySteps() {
    }

    /** Fails with an IOException on its first {@code failures} calls for {@code dir}, then succeeds. */
    public static String flaky(String dir, int failures) throws IOException {
        Path root = Files.createDirectories(Path.of(dir));
        int attempt;
        try (var files = Files.list(root)) {
            attempt = (int) files.filter(p -> p.getFileName().toString().startsWith("attempt-")).count() + 1;
        }
        Files.writeString(root.resolve("attempt-" + attempt), Long.toString(ProcessHandle.current().pid()));
        if (attempt <= failures) {
            throw new IOException("flaky failure " + attempt);
        }
        return "ok on attempt " + attempt;
    }

    /** Always fails with an IllegalStateException. */
    public static String broken(String why) {
        throw new IllegalStateException(why);
    }

    /** Writes its pid to {@code dir/pid}, then waits (at most ten minutes) to be stopped. */
    public static String hang(String dir) throws IOException, InterruptedException {
        Path root = Files.createDirectories(Path.of(dir));
        Files.writeString(root.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(Duration.ofMinutes(10).toMillis());
        return "woke up";
    }

    /**
     * Appends "start name" and "end name" to {@code dir/order.log}; in between waits up to {@code waitMs} for
     * {@code waitFor}'s start line, and says whether it saw it. An electron that runs after this one never
     * shows up during that wait.
     */
    public static String mark(String dir, String name, String waitFor, long waitMs) throws IOException, InterruptedException {
        Path log = Files.createDirectories(Path.of(dir)).resolve("order.log");
        append(log, "start " + name);
        boolean seen = false;
        Instant deadline = Instant.now().plusMillis(waitMs);
        while (!waitFor.isEmpty() && !seen && Instant.now().isBefore(deadline)) {
            seen = Files.readAllLines(log).contains("start " + waitFor);
            if (!seen) {
                Thread.sleep(20);
            }
        }
        append(log, "end " + name);
        return seen ? name + " saw " + waitFor : name;
    }

    /** A retry predicate: only messages that say "transient" retry. */
    public static boolean transientOnly(Failure failure) {
        return failure.message().contains("transient");
    }

    /** Fails with "transient" on its first call for {@code dir}, then with "permanent". */
    public static String transientThenPermanent(String dir) throws IOException {
        Path root = Files.createDirectories(Path.of(dir));
        Path marker = root.resolve("called");
        if (!Files.exists(marker)) {
            Files.writeString(marker, "1");
            throw new IOException("transient hiccup");
        }
        throw new IOException("permanent breakage");
    }

    private static synchronized void append(Path log, String line) throws IOException {
        Files.write(log, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
