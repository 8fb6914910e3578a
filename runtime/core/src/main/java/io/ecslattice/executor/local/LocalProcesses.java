package io.ecslattice.executor.local;

import io.ecslattice.executor.TaskHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the local runners ask of child processes and their log files, also for children of another process. */
final class LocalProcesses {
    static final String START_TICKS = "processStartTicks";
    static final String START_INSTANT = "processStart";

    private LocalProcesses() {
    }

    /**
     * What tells a child apart from a later process that reuses its pid, for its handle's details: its start in
     * clock ticks since boot where /proc has it, else its start instant.
     */
    static void recordStart(ProcessHandle process, Map<String, String> details) {
        Optional<String> ticks = startTicks(process.pid());
        if (ticks.isPresent()) {
            details.put(START_TICKS, ticks.get());
        } else {
            process.info().startInstant().ifPresent(start -> details.put(START_INSTANT, start.toString()));
        }
    }

    /**
     * The process a handle's {@code ref} (pid) names, if it still is the one started then (not a reused pid). The
     * kernel's start tick count is the same in every process that reads it; {@code startInstant()} is not: the JDK
     * adds it to a boot time derived from the wall clock, which two JVMs can compute a second apart, so a successor
     * judged a live worker gone and lost its electron (the takeover tests once failed all together so).
     */
    static Optional<ProcessHandle> sameProcess(TaskHandle handle, String pid) {
        String ticks = handle.details().get(START_TICKS);
        String start = handle.details().get(START_INSTANT);
        return ProcessHandle.of(Long.parseLong(pid)).filter(p -> {
            if (ticks != null) {
                return startTicks(p.pid()).map(ticks::equals).orElse(true);
            }
            return start == null || p.info().startInstant()
                    .map(now -> Math.abs(Duration.between(Instant.parse(start), now).toMillis()) < 2_000).orElse(true);
        });
    }

    /** Field 22 of /proc/<pid>/stat, the process's start in clock ticks after boot; empty off Linux. */
    static Optional<String> startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The name (field 2) may hold spaces and parentheses: count fields after the last ')'; field 3 is first.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return fields.length > 19 ? Optional.of(fields[19]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
