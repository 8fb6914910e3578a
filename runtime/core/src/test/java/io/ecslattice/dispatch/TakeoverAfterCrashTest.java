package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatching process killed with SIGKILL, or stopped with SIGSTOP past its lease; another process finishes
 * its dispatch without running anything twice.
 */
class TakeoverAfterCrashTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessTakesOverAfterTheLeaseExpiresAndReattachesToTheRunningChild() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Started crashed = kill(startDriver(DriverMain.class, marker, "3000"));

        try (Dispatcher successor = successor(Map.of())) {
            Result<Integer> result = LatticeClient.of(successor).attach(crashed.id(), Integer.class).result(Duration.ofSeconds(60));

            assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
            assertEquals(21, result.value());
            NodeRecord after = successor.store().reader().node(crashed.id(), "0").orElseThrow();
            assertEquals(crashed.running().handle().ref(), after.handle().ref(), "re-attached to the same child JVM");
            assertEquals(1, after.attempt());
            assertEquals(List.of("ran", "add"), Files.readAllLines(marker), "each electron ran exactly once");
            assertEquals(Status.COMPLETED, successor.store().reader().node(crashed.id(), "1").orElseThrow().status());
        }
    }

    @Test
    void resumeTakesOverAtOnceWhenTheLeaseNamesADeadProcessOnThisHost() throws Exception {
        Path marker = dir.resolve("runs.txt");
        // A lease of a minute: only knowing that its owner is dead lets the successor take over now.
        Started crashed = kill(startDriver(DriverMain.class, marker, "3000", "60"));

        try (Dispatcher successor = successor(Map.of())) {
            assertTrue(successor.resume(crashed.id()), "the lease names pid " + crashed.driver().pid()
                    + " on this host, which is dead: no need to wait a minute for it to expire");
            Result<Integer> result = LatticeClient.of(successor).attach(crashed.id(), Integer.class).result(Duration.ofSeconds(30));
            assertEquals(21, result.value(), result.toString());
            assertEquals(List.of("ran", "add"), Files.readAllLines(marker));
        }
    }

    @Test
    void reattachedTaskTakesItsMaxInFlightSlotSoNoOtherTaskStartsBesideIt() throws Exception {
        Path marker = dir.resolve("spans.txt");
        Path release = dir.resolve("release-a");
        Started crashed = kill(startDriver(SerialLaneDriverMain.class, marker, "2", release.toString()));

        try (Dispatcher successor = successor(Map.of("maxInFlight", 1))) {
            await("the successor takes over").atMost(Duration.ofSeconds(30)).until(() -> successor.resume(crashed.id()));
            await("b held back while the re-attached a runs").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> successor.store().reader().node(crashed.id(), "1").orElseThrow().handle() == null);

            Files.writeString(release, "go");
            Result<Integer> result = LatticeClient.of(successor).attach(crashed.id(), Integer.class).result(Duration.ofSeconds(60));

            assertEquals(501, result.value(), result.toString());
            assertEquals(List.of("start a", "end a", "start b", "end b"), Files.readAllLines(marker),
                    "with max_in_flight = 1, b starts only after the re-attached a ended");
        }
    }

    @Test
    void liveDriverStoppedPastItsLeaseLosesItToASuccessorAndAbandonsCleanlyWhenContinued() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Started stopped = startDriver(DriverMain.class, marker, "4000");
        try {
            signal("STOP", stopped.driver().pid());
            try (Dispatcher successor = successor(Map.of())) {
                Result<Integer> result = LatticeClient.of(successor).attach(stopped.id(), Integer.class).result(Duration.ofSeconds(60));
                assertEquals(21, result.value(), result.toString());
                assertEquals(stopped.running().handle().ref(), successor.store().reader().node(stopped.id(), "0").orElseThrow()
                        .handle().ref(), "the successor re-attached to the stopped driver's child JVM");
            }

            signal("CONT", stopped.driver().pid());

            assertTrue(stopped.driver().waitFor(30, TimeUnit.SECONDS), "the continued driver ends by itself:\n" + log());
            assertEquals(0, stopped.driver().exitValue(), log());
            assertTrue(log().contains("ENDED COMPLETED"), "it stopped driving and read the successor's result:\n" + log());
            assertEquals(List.of("ran", "add"), Files.readAllLines(marker), "no electron ran twice");
            try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"))) {
                assertEquals(Status.COMPLETED, store.reader().dispatch(stopped.id()).orElseThrow().status());
                assertEquals(1, store.reader().node(stopped.id(), "1").orElseThrow().attempt());
            }
        } finally {
            signal("CONT", stopped.driver().pid());
            stopped.driver().destroyForcibly();
        }
    }

    @Test
    void cancelOfAnOrphanedDispatchIsHonouredByTheTakeoverWhichStopsItsChildJvm() throws Exception {
        Started crashed = kill(startDriver(DriverMain.class, dir.resolve("runs.txt"), "60000"));
        // A pool task's ref is its item id; the JVM's pid is in the details (a JVM-per-task ref is the pid).
        long pid = Long.parseLong(crashed.running().handle().details().getOrDefault("pid", crashed.running().handle().ref()));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the orphaned child JVM still runs");

        try (Dispatcher successor = successor(Map.of())) {
            assertTrue(successor.cancel(crashed.id()));
            Result<Integer> result = LatticeClient.of(successor).attach(crashed.id(), Integer.class).result(Duration.ofSeconds(60));

            assertEquals(DispatchStatus.CANCELLED, result.status(), result.toString());
            assertEquals(Status.CANCELLED, successor.store().reader().node(crashed.id(), "1").orElseThrow().status());
            await("child JVM " + pid + " stopped").atMost(Duration.ofSeconds(10))
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || zombie(pid));
        }
    }

    @Test
    void clientCancelOfAnOrphanedDispatchStopsItsRunningTaskAndNeverRunsPendingOnesWithoutTakingItOver() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Started crashed = kill(startDriver(DriverMain.class, marker, "60000"));
        long pid = Long.parseLong(crashed.running().handle().details().getOrDefault("pid", crashed.running().handle().ref()));
        try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"));
             ExecutorRegistry executors = new ExecutorRegistry(ConfigFile.load(dir.resolve("no-config.toml")))) {
            DispatchClient client = DispatchClient.of(store, executors, Clock.systemUTC());
            assertFalse(client.isDriven(crashed.id()), "its lease names a dead process on this host: nobody drives it");

            CancelOutcome outcome = client.cancel(crashed.id());

            assertEquals(CancelOutcome.Kind.STOPPED, outcome.kind(), outcome.message());
            assertEquals(List.of("0"), outcome.stoppedNodes());
            await("child JVM " + pid + " to stop").atMost(Duration.ofSeconds(10))
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || zombie(pid));
            assertEquals("CANCELLED", client.state(crashed.id()).status());
            NodeRecord pending = store.reader().node(crashed.id(), "1").orElseThrow();
            assertEquals(Status.CANCELLED, pending.status());
            assertNull(pending.handle(), "the pending node never started");
            try (Dispatcher successor = successor(Map.of())) {
                assertFalse(successor.resume(crashed.id()), "a cancelled dispatch is not taken over");
            }
            assertEquals(List.of("ran"), Files.readAllLines(marker), "the slow electron ran once and was not restarted");
            assertEquals(CancelOutcome.Kind.ALREADY_ENDED, client.cancel(crashed.id()).kind());
        }
    }

    private record Started(Process driver, String id, NodeRecord running) {
    }

    /** Starts {@code main} (data dir, marker, then {@code args}) and waits until its node 0 runs in a child JVM. */
    private Started startDriver(Class<?> main, Path marker, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(dir.toString(), marker.toString()));
        all.addAll(List.of(args));
        Process driver = JavaProcess.start(main, Map.of(), dir.resolve("driver.log"), all.toArray(String[]::new));
        AtomicReference<String> id = new AtomicReference<>();
        AtomicReference<NodeRecord> running = new AtomicReference<>();
        try {
            await("node 0 of the driver's dispatch running in a child JVM").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        if (id.get() == null) {
                            log().lines().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9)).findFirst().ifPresent(id::set);
                        }
                        if (id.get() != null && Files.exists(marker)) {
                            try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"))) {
                                store.reader().node(id.get(), "0").filter(n -> n.handle() != null).ifPresent(running::set);
                            }
                        }
                        return running.get() != null;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            driver.destroyForcibly();
            throw new AssertionError(e.getMessage() + "; the driver's output:\n" + log(), e);
        }
        return new Started(driver, id.get(), running.get());
    }

    private Started kill(Started started) throws InterruptedException {
        started.driver().destroyForcibly();
        assertTrue(started.driver().waitFor(10, TimeUnit.SECONDS), "driver did not die");
        assertEquals(137, started.driver().exitValue(), "killed with SIGKILL");
        return started;
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("driver.log"));
    }

    private Dispatcher successor(Map<String, Object> settings) {
        Dispatcher successor = TestDispatchers.plain(dir, Duration.ofSeconds(2));
        Map<String, Object> values = new java.util.HashMap<>(settings);
        values.put("workDir", dir.resolve("tasks").toString());
        successor.registry().register(LocalExecutor.create("local", values));
        return successor;
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + name + " " + pid);
    }

    /** An orphan whose parent died stays a zombie until someone reaps it; it no longer runs. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
