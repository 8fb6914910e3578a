package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.TypeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run-time fan-out whose driving process is killed (SIGKILL) while its items run: the items were stored
 * before they started, so another process finds them, re-attaches to the running ones and collects all.
 */
class FanOutTakeoverTest {

    @TempDir
    Path dir;

    @Test
    void itemsCreatedAtRunTimeSurviveTheDriversDeath() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Path log = dir.resolve("driver.log");
        Process driver = JavaProcess.start(FanOutDriverMain.class, Map.of(), log, dir.toString(), marker.toString(), "3", "4000");
        AtomicReference<String> dispatchId = new AtomicReference<>();
        List<NodeRecord> running;
        try {
            running = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runningItems(log, dispatchId, marker), items -> !items.isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no item started; driver output:\n" + Files.readString(log), e);
        } finally {
            driver.destroyForcibly();
            assertTrue(driver.waitFor(10, TimeUnit.SECONDS), "driver did not die");
        }

        String id = dispatchId.get();
        try (Dispatcher successor = TestDispatchers.plain(dir, Duration.ofSeconds(2))) {
            successor.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
            Result<List<Integer>> result = LatticeClient.of(successor).attach(id, new TypeRef<List<Integer>>() { }).result(Duration.ofSeconds(120));

            assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
            assertEquals(List.of(0, 10, 20), result.value());
            List<NodeRecord> nodes = successor.store().reader().nodes(id);
            assertEquals(List.of("0", "1", "2", "1[0]", "1[1]", "1[2]"), nodes.stream().map(NodeRecord::id).toList(),
                    "each item stored once");
            for (NodeRecord before : running) {
                NodeRecord after = successor.store().reader().node(id, before.id()).orElseThrow();
                assertEquals(before.handle().ref(), after.handle().ref(), "re-attached to item " + before.id() + "'s child JVM");
            }
            // Each item appends its argument when it starts: a re-run of an item the successor re-attached to shows twice.
            List<String> runs = Files.readAllLines(marker).stream().sorted().toList();
            assertEquals(List.of("0", "1", "2"), runs, "every item ran exactly once");
        }
    }

    /** The run-time items with a stored handle, once the driver printed its dispatch id and the first item its marker. */
    private List<NodeRecord> runningItems(Path log, AtomicReference<String> dispatchId, Path marker) throws java.io.IOException {
        if (dispatchId.get() == null) {
            Files.readAllLines(log).stream().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9)).findFirst()
                    .ifPresent(dispatchId::set);
        }
        if (dispatchId.get() == null || !Files.exists(marker)) {
            return List.of();
        }
        try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"))) {
            return store.reader().nodes(dispatchId.get()).stream().filter(n -> n.parent() != null && n.handle() != null).toList();
        }
    }
}
