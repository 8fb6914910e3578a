package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fan-out sized at run time ({@code square.map(range.call(n))}) on the ECS executor in task mode and in pool mode,
 * on the local cloud. Its items have ids like {@code 1[15]}, which once went unescaped into {@code s3://} URIs and
 * failed every item. Pool mode runs 200 items on three workers; task mode runs one container per item, so it runs
 * {@value #TASK_MODE_ITEMS} here (set {@code -Decs.map.taskItems=200} to run the 200 by hand).
 */
@Tag("local-cloud")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RunTimeMapLocalCloudTest {
    static final int TASK_MODE_ITEMS = 20;
    private static final int POOL_MODE_ITEMS = 200;

    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void runTimeMapCompletesOnEcsTaskMode() {
        EcsExecutor ecs = LocalCloud.require().executor(dir.resolve("cache")).name("ecs-map-task").pollFreq(1).build();
        runMap(ecs, Integer.getInteger("ecs.map.taskItems", TASK_MODE_ITEMS), Duration.ofMinutes(15));
    }

    @Test
    void runTimeMapCompletesOnEcsPoolMode() {
        EcsExecutor ecs = LocalCloud.require().executor(dir.resolve("cache")).name("ecs-map-pool").set("mode", "pool")
                .set("pool_max_workers", 3).set("worker_concurrency", 4).set("pool_idle_seconds", 10).build();
        runMap(ecs, Integer.getInteger("ecs.map.poolItems", POOL_MODE_ITEMS), Duration.ofMinutes(10));
    }

    private void runMap(EcsExecutor ecs, int items, Duration limit) {
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(ecs);
        var range = Electron.of(E2eElectrons::range).executor(ecs);
        var square = Electron.of(E2eElectrons::square).executor(ecs);
        var sum = Electron.of(E2eElectrons::sum).executor(ecs);
        var squares = Lattice.of("run-time map", (Value<Integer> n) -> sum.call(square.map(range.call(n))));

        long start = System.nanoTime();
        String id = squares.dispatch(dispatcher, items).id();
        Result<Integer> result = Dispatch.attach(dispatcher, id, Integer.class).result(limit);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(IntStream.range(0, items).map(i -> i * i).sum(), result.value());
        List<NodeRecord> itemNodes = dispatcher.store().reader().nodes(id).stream()
                .filter(n -> "square".equals(n.methodName()) && n.id().contains("[")).toList();
        assertEquals(items, itemNodes.size(), "one node per item");
        for (NodeRecord node : itemNodes) {
            assertEquals(Status.COMPLETED, node.status(), node.id());
            // The result's place is a URI that parses, though the node id holds brackets.
            assertEquals("s3", URI.create(node.handle().details().get("resultUri")).getScheme(), node.handle().toString());
        }
        System.out.printf("run-time map of %d items on ECS %s mode (local cloud): %.1f s%n", items,
                ecs.settings().pool().enabled() ? "pool" : "task", took.toMillis() / 1000.0);
    }
}
