package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes on one results store at once. */
class MultiProcessTest {

    @TempDir
    Path dir;

    @Test
    void threeProcessesDispatchingIntoOneStoreAtOnceAllComplete() throws Exception {
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writers.add(JavaProcess.start(FanOutMain.class, Map.of(), dir.resolve("writer-" + i + ".log"), dir.toString(), "40"));
        }
        for (int i = 0; i < writers.size(); i++) {
            assertTrue(writers.get(i).waitFor(120, TimeUnit.SECONDS), "writer " + i + " did not finish");
            String output = Files.readString(dir.resolve("writer-" + i + ".log"));
            assertEquals(0, writers.get(i).exitValue(), output);
            assertEquals(3, output.lines().filter("SUM 22140"::equals).count(), output);
        }
        try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"))) {
            List<DispatchSummary> all = store.reader().listDispatches(100, 0);
            assertEquals(9, all.size());
            assertTrue(all.stream().allMatch(d -> d.status() == Status.COMPLETED && d.counts().completed() == 41), all.toString());
        }
    }

    @Test
    void aLiveDriverKeepsRenewingItsLeaseSoAWaiterInAnotherProcessNeverTakesOver() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Path log = dir.resolve("driver.log");
        // A 12 s lease renewed every 4 s over an 8 s electron: renewals must happen for the driver to keep it, and a
        // loaded machine may stall the driver 8 s before the waiter could take over.
        Process driver = JavaProcess.start(DriverMain.class, Map.of(), log, dir.toString(), marker.toString(), "8000", "12");
        try {
            String dispatchId = await("the driver to print its dispatch id").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readAllLines(log).stream().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9))
                            .findFirst(), Optional::isPresent).orElseThrow();
            try (Dispatcher waiter = TestDispatchers.plain(dir, Duration.ofSeconds(2))) {
                waiter.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
                CompletableFuture<Result<Integer>> result = CompletableFuture.supplyAsync(() -> LatticeClient.of(waiter).attach(dispatchId, Integer.class).result(Duration.ofSeconds(60)));
                Set<String> owners = ConcurrentHashMap.newKeySet(); // filled on Awaitility's poll thread
                Set<Instant> expiries = ConcurrentHashMap.newKeySet();
                // Samples the lease every 100 ms until the waiter's result comes.
                await("the waiter's result").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    waiter.store().reader().lease(dispatchId).ifPresent(lease -> {
                        owners.add(lease.owner());
                        expiries.add(lease.expiresAt());
                    });
                    return result.isDone();
                });
                assertEquals(21, result.get().value());
                assertEquals(1, owners.size(), "one owner throughout: " + owners);
                assertTrue(owners.iterator().next().startsWith(driver.pid() + "@"), owners + " is the driver " + driver.pid());
                assertTrue(expiries.size() >= 2, "the driver renewed its lease while the electron ran: " + expiries);
                // Each step marks once: the slow one "ran", then "add"; a second "ran" would be a re-run.
                assertEquals(List.of("ran", "add"), Files.readAllLines(marker), "the slow electron ran once, then the add");
            }
        } finally {
            driver.destroyForcibly();
        }
    }
}
