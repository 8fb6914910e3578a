package io.ecslattice.executor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecslattice.executor.TaskHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a child is told apart from a later process with its pid: real processes, real /proc. */
class LocalProcessesTest {

    @Test
    void aLiveChildIsTheSameProcessByItsKernelStartTicksWhateverItsRecordedStartInstantSays() throws Exception {
        assumeTrue(LocalProcesses.startTicks(ProcessHandle.current().pid()).isPresent(), "needs Linux's /proc");
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            Map<String, String> details = new HashMap<>();
            LocalProcesses.recordStart(child.toHandle(), details);
            assertTrue(details.containsKey(LocalProcesses.START_TICKS), details.toString());
            // A start instant written by a JVM whose idea of the boot time was off must not matter.
            details.put(LocalProcesses.START_INSTANT, "2001-01-01T00:00:00Z");
            String pid = Long.toString(child.pid());

            assertTrue(LocalProcesses.sameProcess(new TaskHandle("local", pid, details), pid).isPresent());
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPidWhoseStartTicksDifferIsAnotherProcess() {
        assumeTrue(LocalProcesses.startTicks(ProcessHandle.current().pid()).isPresent(), "needs Linux's /proc");
        String self = Long.toString(ProcessHandle.current().pid());
        long ticks = Long.parseLong(LocalProcesses.startTicks(ProcessHandle.current().pid()).orElseThrow());
        TaskHandle earlier = new TaskHandle("local", self, Map.of(LocalProcesses.START_TICKS, Long.toString(ticks - 1)));

        assertTrue(LocalProcesses.sameProcess(earlier, self).isEmpty(), "a reused pid is not the process started then");
    }

    @Test
    void startTicksReadTheFieldAfterANameWithSpacesAndParentheses(@TempDir Path dir) throws Exception {
        assumeTrue(LocalProcesses.startTicks(ProcessHandle.current().pid()).isPresent(), "needs Linux's /proc");
        Path oddName = Files.copy(Path.of("/bin/sleep"), dir.resolve("a) b (c"));
        oddName.toFile().setExecutable(true);
        Process child = new ProcessBuilder(oddName.toString(), "30").start();
        try {
            long self = Long.parseLong(LocalProcesses.startTicks(ProcessHandle.current().pid()).orElseThrow());
            long started = Long.parseLong(LocalProcesses.startTicks(child.pid()).orElseThrow());

            assertTrue(started >= self, "the child started after this JVM: " + started + " < " + self);
            assertEquals(Optional.of(Long.toString(started)), LocalProcesses.startTicks(child.pid()), "no clock is involved");
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
