package io.ecslattice.executor.local;

import io.ecslattice.executor.TaskHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the local runners ask of child processes and their log files, also for children of another process. */
final class LocalProcesses {

    private LocalProcesses() {
    }

    /** The process a handle's {@code ref} (pid) names, if it still is the one started then (not a reused pid). */
    static Optional<ProcessHandle> sameProcess(TaskHandle handle, String pid) {
        String start = handle.details().get("processStart");
        return ProcessHandle.of(Long.parseLong(pid)).filter(p -> start == null
                || p.info().startInstant().map(Instant::toString).map(start::equals).orElse(true));
    }

    /** An exited child whose parent died and that nobody reaped still has a pid; /proc says it is a zombie. */
    static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The last {@code maxLines} lines of {@code file}; empty when it cannot be read. */
    static List<String> tail(Path file, int maxLines) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
