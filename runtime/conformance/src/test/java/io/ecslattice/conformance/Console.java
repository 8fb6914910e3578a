package io.ecslattice.conformance;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test JVM's console as it was before any column ran, and a way to send this JVM's stdout and stderr to files.
 * An electron run in process prints to the real streams as well as to its captured output (as in a container's
 * log), so the output row's 40,000 lines would otherwise flood the build log; the table is printed here instead.
 */
final class Console {
    /** Surefire's stdout, kept before any diversion. */
    static final PrintStream OUT = System.out;

    private Console() {
    }

    /** From now on this JVM's stdout and stderr go to {@code <dir>/<name>-stdout.txt} and {@code -stderr.txt}. */
    static synchronized void divertTo(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            System.setOut(new PrintStream(new FileOutputStream(dir.resolve(name + "-stdout.txt").toFile()), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new FileOutputStream(dir.resolve(name + "-stderr.txt").toFile()), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
