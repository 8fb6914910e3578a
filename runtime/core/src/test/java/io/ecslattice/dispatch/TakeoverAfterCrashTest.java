package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.config.ConfigFile;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        Crashed crashed = startAndKillDriver(marker, 3000);

        try (Dispatcher successor = successor()) {
            Result<Integer> result = Dispatch.attach(successor, crashed.id(), Integer.class).result(Duration.ofSeconds(60));

            assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
            assertEquals(21, result.value());
            NodeRecord after = successor.store().reader().node(crashed.id(), "0").orElseThrow();
            assertEquals(crashed.running().handle().ref(), after.handle().ref(), "re-attached to the same child JVM");
            assertEquals(1, after.attempt());
            assertEquals(1, Files.readAllLines(marker).size(), "the slow electron ran exactly once");
            assertEquals(Status.COMPLETED, successor.store().reader().node(crashed.id(), "1").orElseThrow().status());
        }
    }

    @Test
    void cancelOfAnOrphanedDispatchIsHonouredByTheTakeoverWhichStopsItsChildJvm() throws Exception {
        Crashed crashed = startAndKillDriver(dir.resolve("runs.txt"), 60_000);
        long pid = Long.parseLong(crashed.running().handle().ref());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the orphaned child JVM still runs");

        try (Dispatcher successor = successor()) {
            // The dead driver's lease has not expired yet: the request is recorded, and honoured by the takeover.
            assertTrue(successor.cancel(crashed.id()));
            Result<Integer> result = Dispatch.attach(successor, crashed.id(), Integer.class).result(Duration.ofSeconds(60));

            assertEquals(DispatchStatus.CANCELLED, result.status(), result.toString());
            assertEquals(Status.CANCELLED, successor.store().reader().node(crashed.id(), "1").orElseThrow().status());
            for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid); i++) {
                Thread.sleep(50);
            }
            assertTrue(!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || zombie(pid), "child JVM " + pid + " was stopped");
        }
    }

    @Test
    void clientCancelOfAnOrphanedDispatchStopsItsRunningTaskAndNeverRunsPendingOnesWithoutTakingItOver() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Crashed crashed = startAndKillDriver(marker, 60_000);
        long pid = Long.parseLong(crashed.running().handle().ref());
        try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"));
             ExecutorRegistry executors = new ExecutorRegistry(ConfigFile.load(dir.resolve("no-config.toml")))) {
            DispatchClient client = DispatchClient.of(store, executors, Clock.systemUTC());
            await("the dead driver's lease to expire").atMost(Duration.ofSeconds(30)).until(() -> !client.isDriven(crashed.id()));

            CancelOutcome outcome = client.cancel(crashed.id());

            assertEquals(CancelOutcome.Kind.STOPPED, outcome.kind(), outcome.message());
            assertEquals(List.of("0"), outcome.stoppedNodes());
            await("child JVM " + pid + " to stop").atMost(Duration.ofSeconds(10))
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || zombie(pid));
            assertEquals("CANCELLED", client.state(crashed.id()).status());
            NodeRecord pending = store.reader().node(crashed.id(), "1").orElseThrow();
            assertEquals(Status.CANCELLED, pending.status());
            assertNull(pending.handle(), "the pending node never started");
            assertTrue(store.reader().lease(crashed.id()).isEmpty(), "the client took no lease: it did not take the dispatch over");
            try (Dispatcher successor = successor()) {
                assertFalse(successor.resume(crashed.id()), "a cancelled dispatch is not taken over");
            }
            assertEquals(1, Files.readAllLines(marker).size(), "the slow electron ran once and was not restarted");
            assertEquals(CancelOutcome.Kind.ALREADY_ENDED, client.cancel(crashed.id()).kind());
        }
    }

    private record Crashed(String id, NodeRecord running) {
    }

    /** Starts a driver process, waits until its first node runs in a child JVM, then kills the driver with SIGKILL. */
    private Crashed startAndKillDriver(Path marker, int sleepMillis) throws Exception {
        Path log = dir.resolve("driver.log");
        Process driver = JavaProcess.start(DriverMain.class, Map.of(), log, dir.toString(), marker.toString(), Integer.toString(sleepMillis));
        String id = null;
        NodeRecord running = null;
        try {
            for (int i = 0; i < 600 && running == null; i++) {
                Thread.sleep(50);
                if (id == null) {
                    id = Files.readAllLines(log).stream().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9))
                            .findFirst().orElse(null);
                }
                if (id != null && Files.exists(marker)) {
                    try (var store = io.ecslattice.store.ResultsStore.open(dir.resolve("results.db"))) {
                        running = store.reader().node(id, "0").filter(n -> n.handle() != null).orElse(null);
                    }
                }
            }
            assertTrue(running != null, "the driver never started node 0; its output:\n" + Files.readString(log));
        } finally {
            driver.destroyForcibly();
            assertTrue(driver.waitFor(10, TimeUnit.SECONDS), "driver did not die");
        }
        assertEquals(137, driver.exitValue(), "killed with SIGKILL");
        return new Crashed(id, running);
    }

    private Dispatcher successor() {
        Dispatcher successor = TestDispatchers.plain(dir, Duration.ofSeconds(2));
        successor.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
        return successor;
    }

    /** An orphan whose parent died stays a zombie until someone reaps it; it no longer runs. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
