package io.ecslattice.ui;

import io.ecslattice.cli.EcsLatticeCli;
import io.ecslattice.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ecs-lattice ui --port 0} in its own JVM over the results store {@code db}, as a user starts
 * it; ready once it printed the address it serves. Closing it stops the process.
 */
final class UiProcess implements AutoCloseable {
    private static final Pattern OPEN = Pattern.compile("open http://127\\.0\\.0\\.1:([0-9]+)/");

    private final Process process;
    private final Path log;
    private final int port;

    UiProcess(Path db, Path log) throws IOException, InterruptedException {
        this.log = log;
        Path noConfig = db.resolveSibling("no-config.toml");
        process = JavaProcess.start(EcsLatticeCli.class, Map.of("ECS_LATTICE_DB", db.toString(),
                "ECS_LATTICE_CONFIG", noConfig.toString()), log, "ui", "--port", "0");
        port = awaitPort();
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + log, e);
        }
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // a JVM start on a machine at load 70 took over 30 s
        while (System.nanoTime() < deadline) {
            Matcher open = OPEN.matcher(output());
            if (open.find()) {
                return Integer.parseInt(open.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("ecs-lattice ui exited with " + process.exitValue() + " before serving:\n" + output());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("ecs-lattice ui printed no 'open http://127.0.0.1:<port>/' within 90 s:\n" + output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
