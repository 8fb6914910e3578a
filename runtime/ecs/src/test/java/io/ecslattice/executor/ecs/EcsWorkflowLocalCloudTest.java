package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Electron1;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows on the ECS executor on the local cloud, through the public API and a real results store:
 * hello, a 20-way fan-out with every task in flight at once, and an electron that throws.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EcsWorkflowLocalCloudTest {
    @TempDir
    static Path dir;
    static EcsExecutor ecs;
    static Dispatcher dispatcher;

    @BeforeAll
    static void start() {
        ecs = LocalCloud.require().executor(dir.resolve("cache")).build();
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(ecs);
    }

    @AfterAll
    static void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void helloWorkflowReturnsHelloWorldFromEcs() {
        var join = Electron.of(E2eElectrons::joinWords).executor(ecs);
        var excite = Electron.of(E2eElectrons::excitement).executor("ecs");
        var hello = Lattice.of("hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));

        String id = hello.dispatch(LatticeClient.of(dispatcher), "Hello", "World").id();
        Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(Duration.ofMinutes(3));

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals("Hello, World!", result.value());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(id);
        assertTrue(nodes.stream().allMatch(n -> n.details().getOrDefault("taskArn", "").contains(":task/")),
                "every node ran as an ECS task: " + nodes);
    }

    @Test
    void nodeWhoseSpotTaskIsReclaimedRunsAgainAsAnInfrastructureRetry() throws Exception {
        // The first attempt blocks until its task is stopped; the second answers at once.
        String marker = "s3://" + ecs.settings().s3BucketName() + "/tests/" + java.util.UUID.randomUUID() + "/first-run";
        var square = Electron.of(E2eElectrons::squareOnceTheFirstRunDied).executor(ecs);
        var spot = Lattice.of("spot", (Value<String> firstRun) -> square.call(firstRun, Value.of(7)));
        String id = spot.dispatch(LatticeClient.of(dispatcher), marker).id();
        String first = Awaitility.await("node 0's first task started").atMost(Duration.ofMinutes(3))
                .until(() -> dispatcher.store().reader().node(id, "0").map(NodeRecord::handle).map(h -> h.ref()).orElse(null),
                        arn -> arn != null);
        try (io.ecslattice.taskrunner.S3Storage s3 = new io.ecslattice.taskrunner.S3Storage()) {
            Awaitility.await("the first attempt's electron runs").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                    .until(() -> s3.exists(marker));
        }

        // What ECS reports when Fargate Spot takes the capacity back: the local cloud's control endpoint plays it.
        LocalCloud.require().stopTask(first, "SpotInterruption", "Your Spot Task was interrupted.", 143);
        Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(Duration.ofMinutes(4));

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(49, result.value());
        NodeRecord node = dispatcher.store().reader().node(id, "0").orElseThrow();
        assertEquals(2, node.attempt());
        assertNotEquals(first, node.handle().ref(), "the second attempt is a new task");
        assertTrue(node.details().get("infrastructureRetries").startsWith("attempt 1 (" + first
                + "): SpotInterruption: Your Spot Task was interrupted."), node.details().toString());
    }

    @Test
    void twentyWayFanOutRunsEveryTaskInFlightAtOnce() {
        // Its own executor with a 2 s poll, so the call counts are this dispatch's alone.
        EcsExecutor ecs = LocalCloud.require().executor(dir.resolve("cache")).name("ecs-fan-out").pollFreq(2).build();
        dispatcher.registry().register(ecs);
        Electron1<Integer, Integer> square = Electron.of(E2eElectrons::square).executor(ecs);
        Electron1<List<Integer>, Integer> sum = Electron.of(E2eElectrons::sum).executor(ecs);
        var fanOut = Lattice.of("fan-out", (Value<Integer> n) -> sum.call(Value.list(
                IntStream.range(0, 20).mapToObj(i -> square.call(Value.of(i))).toList())));
        ecs.prepare(new io.ecslattice.executor.TaskContext("warm-up", "fan-out", List.of())).join();
        ecs.awsCalls().reset();

        long start = System.nanoTime();
        String id = fanOut.dispatch(LatticeClient.of(dispatcher), 20).id();
        // Generous: the local cloud runs each task as a JVM container, and a loaded 2-core CI machine is slow.
        Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(Duration.ofMinutes(6));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(IntStream.range(0, 20).map(i -> i * i).sum(), result.value());
        List<NodeRecord> squares = dispatcher.store().reader().nodes(id).stream()
                .filter(n -> "square".equals(n.methodName())).toList();
        assertEquals(20, squares.size());
        Instant lastStarted = squares.stream().map(NodeRecord::startedAt).max(Comparator.naturalOrder()).orElseThrow();
        Instant firstEnded = squares.stream().map(NodeRecord::endedAt).min(Comparator.naturalOrder()).orElseThrow();
        assertTrue(lastStarted.isBefore(firstEnded), "all 20 tasks were started before the first finished: last RunTask at "
                + lastStarted + ", first end at " + firstEnded);

        Map<String, Long> calls = new TreeMap<>(ecs.awsCalls().calls());
        int tasks = 21;
        assertEquals(tasks, calls.get("ecs:RunTask"));
        assertEquals(tasks, calls.get("s3:GetObject"));
        assertEquals(null, calls.get("ecs:RegisterTaskDefinition"));
        assertEquals(null, calls.get("logs:GetLogEvents"), "no log reads for tasks that left a result");
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("20-way fan-out on ECS (local cloud): wall %.1f s, %d AWS calls for %d tasks = %.2f per task: %s%n",
                wall.toMillis() / 1000.0, total, tasks, total / (double) tasks, calls);
        long polls = wall.toMillis() / ecs.settings().pollFreq().toMillis() + 2;
        assertTrue(calls.get("ecs:DescribeTasks") <= polls, "one DescribeTasks per poll for all tasks, not one per task: "
                + calls + " in " + polls + " polls");
    }

    @Test
    void electronThatThrowsFailsTheLatticeAndItsDependentsNeverRun() {
        var explode = Electron.of(E2eElectrons::explode).executor(ecs);
        var excite = Electron.of(E2eElectrons::excitement).executor(ecs);
        var join = Electron.of(E2eElectrons::joinWords).executor(ecs);
        var failing = Lattice.of("failing", (Value<String> why) -> join.call(
                excite.call(explode.call(why)), excite.call(Value.of(String.valueOf(0)))));

        String id = failing.dispatch(LatticeClient.of(dispatcher), "boom").id();
        Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(Duration.ofMinutes(3));

        assertEquals(DispatchStatus.FAILED, result.status(), result.toString());
        NodeRecord failed = dispatcher.store().reader().node(result.dispatchId(), result.failedNodeId()).orElseThrow();
        assertEquals("explode", failed.methodName());
        assertEquals("java.lang.IllegalStateException", failed.error().type());
        assertEquals("electron failed on purpose: boom", failed.error().message());
        assertTrue(failed.error().stackTrace().contains("E2eElectrons.deeper"), failed.error().stackTrace());
        assertTrue(failed.stdout().contains("about to fail: boom"), failed.stdout());
        assertTrue(failed.stderr().contains("stderr before failing"), failed.stderr());
        assertEquals("1", failed.details().get("exitCode"));
        assertTrue(failed.details().get("taskArn").contains(":task/"));
        assertTrue(result.toString().contains("electron failed on purpose: boom"), result.toString());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(id);
        NodeRecord dependent = nodes.stream().filter(n -> n.inputs() == null && "excitement".equals(n.methodName()))
                .findFirst().orElseThrow(() -> new AssertionError("the dependent node never received inputs: " + nodes));
        assertNotEquals(Status.COMPLETED, dependent.status());
        assertEquals(null, dependent.handle(), "the dependent was never started: " + dependent);
        assertTrue(nodes.stream().anyMatch(n -> "excitement".equals(n.methodName()) && n.status() == Status.COMPLETED),
                "the independent branch finished: " + nodes);
    }
}
