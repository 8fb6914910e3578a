package io.ecslattice.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child JVM started ahead of need: it has loaded the task runner and waits for a spec file, so the
 * next electron on the same classpath skips the JVM's start-up. Handing it a task moves its directory
 * (with its open output files) to the task's directory and writes the spec where it waits. It exits by
 * itself when this process dies or after {@link #WAIT}; it is never handed a task near that limit.
 */
final class StandbyJvm {

    /** What a launcher needs to start a JVM whose output goes to {@code dir} and whose spec is {@code specFile}. */
    @FunctionalInterface
    interface Launcher {
        Process launch(String classpath, Path dir, Path specFile, Duration wait) throws IOException;
    }

    static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration USABLE = WAIT.minusMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(StandbyJvm.class);

    private record Ready(Process process, Path dir, Path specFile, String classpath, Instant startedAt) {
    }

    private final Path root;
    private final Launcher launcher;
    private Ready ready;

    StandbyJvm(Path root, Launcher launcher) {
        this.root = root;
        this.launcher = launcher;
    }

    /**
     * Gives the task to the waiting JVM if it runs {@code classpath} and can still take it: moves its
     * directory to {@code taskDir} and writes {@code spec} where it waits. Empty when a JVM must be started.
     */
    synchronized Optional<Process> handOver(String classpath, Path taskDir, byte[] spec) throws IOException {
        Ready candidate = ready;
        ready = null;
        if (candidate == null) {
            return Optional.empty();
        }
        boolean fits = candidate.classpath().equals(classpath) && candidate.process().isAlive()
                && Instant.now().isBefore(candidate.startedAt().plus(USABLE)) && !Files.exists(taskDir);
        if (!fits) {
            candidate.process().destroy();
            return Optional.empty();
        }
        Files.createDirectories(taskDir.getParent());
        Files.move(candidate.dir(), taskDir, StandardCopyOption.ATOMIC_MOVE);
        Files.write(taskDir.resolve("spec.json"), spec);
        Path temp = candidate.specFile().resolveSibling(candidate.specFile().getFileName() + ".tmp");
        Files.write(temp, spec);
        Files.move(temp, candidate.specFile(), StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(candidate.process());
    }

    /** Starts a JVM to wait for the next task on {@code classpath}, unless one already waits. */
    synchronized void refill(String classpath) {
        if (ready != null) {
            return;
        }
        try {
            removeLeftovers();
            String id = UUID.randomUUID().toString();
            Path dir = Files.createDirectories(root.resolve(id));
            Path specFile = root.resolve(id + ".spec.json");
            ready = new Ready(launcher.launch(classpath, dir, specFile, WAIT), dir, specFile, classpath, Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.debug("no standby JVM: {}", e.toString());
        }
    }

    /** Stops the waiting JVM, if any. */
    synchronized void close() {
        if (ready != null) {
            ready.process().destroy();
            ready = null;
        }
    }

    /** Directories and spec files of standby JVMs from earlier processes that are long gone. */
    private void removeLeftovers() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant old = Instant.now().minus(WAIT.multipliedBy(2));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(old)) {
                    try (Stream<Path> tree = Files.walk(entry)) {
                        for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(path);
                        }
                    }
                }
            }
        }
    }
}
