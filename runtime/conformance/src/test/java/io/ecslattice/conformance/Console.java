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
 * An electron that runs in process after {@link #restore()} prints to the console again and is not captured.
 */
final class Console {
    /** Surefire's stdout and stderr, kept before any diversion. */
    static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Console() {
    }

    /** Sends stdout and stderr back to the console, so later columns' warnings reach the build log again. */
    static synchronized void restore() {
        System.out.flush();
        System.err.flush();
        System.setOut(OUT);
        System.setErr(ERR);
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
