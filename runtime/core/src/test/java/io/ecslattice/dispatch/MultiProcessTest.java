package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.Lease;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
        Process driver = JavaProcess.start(DriverMain.class, Map.of(), log, dir.toString(), marker.toString(), "4000", "6");
        try {
            String id = null;
            for (int i = 0; i < 600 && id == null; i++) {
                Thread.sleep(50);
                id = Files.readAllLines(log).stream().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9)).findFirst().orElse(null);
            }
            assertTrue(id != null, Files.readString(log));
            String dispatchId = id;
            try (Dispatcher waiter = TestDispatchers.plain(dir, Duration.ofSeconds(2))) {
                waiter.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
                CompletableFuture<Result<Integer>> result = CompletableFuture.supplyAsync(() -> LatticeClient.of(waiter).attach(dispatchId, Integer.class).result(Duration.ofSeconds(60)));
                Set<String> owners = new HashSet<>();
                while (!result.isDone()) {
                    waiter.store().reader().lease(dispatchId).map(Lease::owner).ifPresent(owners::add);
                    Thread.sleep(100);
                }
                assertEquals(21, result.get().value());
                assertEquals(1, owners.size(), "one owner throughout: " + owners);
                assertTrue(owners.iterator().next().startsWith(driver.pid() + "@"), owners + " is the driver " + driver.pid());
                // Each step marks once: the slow one "ran", then "add"; a second "ran" would be a re-run.
                assertEquals(List.of("ran", "add"), Files.readAllLines(marker), "the slow electron ran once, then the add");
            }
        } finally {
            driver.destroyForcibly();
        }
    }
}
