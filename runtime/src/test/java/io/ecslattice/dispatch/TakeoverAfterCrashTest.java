package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dispatching process killed with SIGKILL; another process finishes its dispatch without running anything twice. */
class TakeoverAfterCrashTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessTakesOverAfterTheLeaseExpiresAndReattachesToTheRunningChild() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Path log = dir.resolve("driver.log");
        Process driver = JavaProcess.start(DriverMain.class, Map.of(), log, dir.toString(), marker.toString());
        String id = null;
        NodeRecord before = null;
        try {
            for (int i = 0; i < 600 && before == null; i++) {
                Thread.sleep(50);
                if (id == null) {
                    id = Files.readAllLines(log).stream().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9))
                            .findFirst().orElse(null);
                }
                if (id != null && Files.exists(marker)) {
                    try (var store = io.ecslattice.store.ResultsStore.open(dir.resolve("results.db"))) {
                        before = store.reader().node(id, "0").filter(n -> n.handle() != null).orElse(null);
                    }
                }
            }
            assertTrue(before != null, "the driver never started node 0; its output:\n" + Files.readString(log));
        } finally {
            driver.destroyForcibly();
            assertTrue(driver.waitFor(10, TimeUnit.SECONDS), "driver did not die");
        }
        assertEquals(137, driver.exitValue(), "killed with SIGKILL");

        try (Dispatcher successor = TestDispatchers.plain(dir, Duration.ofSeconds(2))) {
            successor.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
            Result<Integer> result = successor.getResult(id, Duration.ofSeconds(60));

            assertEquals(Status.COMPLETED, result.status(), result.toString());
            assertEquals(21, result.value());
            NodeRecord after = successor.store().reader().node(id, "0").orElseThrow();
            assertEquals(before.handle().ref(), after.handle().ref(), "re-attached to the same child JVM");
            assertEquals(1, after.attempt());
            assertEquals(1, Files.readAllLines(marker).size(), "the slow electron ran exactly once");
            assertEquals(Status.COMPLETED, successor.store().reader().node(id, "1").orElseThrow().status());
        }
    }
}
