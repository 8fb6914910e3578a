package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Retry;
import io.ecslattice.workflow.TypeRef;
import io.ecslattice.workflow.Value;
import io.ecslattice.workflow.WorkflowException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fan-out sized at run time ({@code electron.map(listValue)}) on the in-process executor and a real SQLite file. */
class RunTimeFanOutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    public static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    public static int cube(int x) {
        return x * x * x;
    }

    /** Keeps the order it receives: the test checks the fan-in sees the items' results in item order. */
    public static List<Integer> collect(List<Integer> values) {
        return new ArrayList<>(values);
    }

    public static int failOnThree(int x) {
        if (x == 3) {
            throw new IllegalArgumentException("three is not allowed");
        }
        return x;
    }

    /** Declares a list but returns none: the only way a map node meets a value that is no list at run time. */
    public static List<Integer> noList(int n) {
        return null;
    }

    public static String notAList(int n) {
        return "n=" + n;
    }

    /** The lattice without its argument type: what a raw-typed caller can pass. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static io.ecslattice.workflow.Lattice1<Object, Object> raw(io.ecslattice.workflow.Lattice1 lattice) {
        return lattice;
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void mapsOverAListWhoseLengthAnEarlierElectronDecidesAndFansInInOrder() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var range = Electron.of(RunTimeFanOutTest::range);
        var cube = Electron.of(RunTimeFanOutTest::cube);
        var collect = Electron.of(RunTimeFanOutTest::collect);
        var lattice = Lattice.of("runtime-fan", (Value<Integer> n) -> collect.call(cube.map(range.call(n))));

        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), 7);
        String id = dispatch.id();
        Result<List<Integer>> result = dispatch.result(WAIT);

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(List.of(0, 1, 8, 27, 64, 125, 216), result.value());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(id);
        assertEquals(3 + 7, nodes.size(), "range, the map node, collect and seven items: " + nodes);
        for (int i = 0; i < 7; i++) {
            NodeRecord item = dispatcher.store().reader().node(id, "1[" + i + "]").orElseThrow();
            assertEquals(Status.COMPLETED, item.status());
            assertEquals("1", item.parent());
            assertEquals("[" + i + "]", item.inputs().toString());
        }
        NodeRecord map = dispatcher.store().reader().node(id, "1").orElseThrow();
        assertEquals(Status.COMPLETED, map.status());
        assertEquals("[0,1,8,27,64,125,216]", map.output().toString());
        assertTrue(dispatcher.store().reader().detail(id).orElseThrow().edges().stream()
                .anyMatch(e -> e.from().equals("1[6]") && e.to().equals("1")), "items feed the map node");
    }

    @Test
    void anEmptyListCompletesTheMapWithAnEmptyList() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var range = Electron.of(RunTimeFanOutTest::range);
        var cube = Electron.of(RunTimeFanOutTest::cube);
        var collect = Electron.of(RunTimeFanOutTest::collect);
        var lattice = Lattice.of("empty-fan", (Value<Integer> n) -> collect.call(cube.map(range.call(n))));

        Result<List<Integer>> result = lattice.dispatch(LatticeClient.of(dispatcher), 0).result(WAIT);

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(List.of(), result.value());
    }

    @Test
    void aFailedItemFailsTheMapAndTheDispatch() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var range = Electron.of(RunTimeFanOutTest::range);
        var fail = Electron.of(RunTimeFanOutTest::failOnThree);
        var collect = Electron.of(RunTimeFanOutTest::collect);
        var lattice = Lattice.of("failing-fan", (Value<Integer> n) -> collect.call(fail.map(range.call(n))));

        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), 5);
        String id = dispatch.id();
        Result<List<Integer>> result = dispatch.result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status(), result.toString());
        assertEquals("1[3]", dispatcher.store().reader().dispatch(id).orElseThrow().errorNode());
        assertEquals(Status.FAILED, dispatcher.store().reader().node(id, "1").orElseThrow().status());
        assertEquals(Status.CANCELLED, dispatcher.store().reader().node(id, "2").orElseThrow().status());
    }

    @Test
    void mappingOverALatticeArgumentThatIsNotAListIsRejectedBeforeAnythingRuns() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var cube = Electron.of(RunTimeFanOutTest::cube);
        var lattice = Lattice.of("bad-arg", (Value<List<Integer>> xs) -> cube.map(xs));

        WorkflowException error = assertThrows(WorkflowException.class, () -> raw(lattice).dispatch(LatticeClient.of(dispatcher), 5));

        assertTrue(error.getMessage().contains("argument 1 of lattice bad-arg (5) is mapped over by cube"), error.getMessage());
        assertTrue(error.getMessage().contains("pass a List"), error.getMessage());
        assertEquals(0, dispatcher.store().reader().listDispatches(10, 0).size());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void mappingOverAnElectronResultThatIsNotAListIsRejectedWhenTheLatticeIsBuilt() {
        var notAList = Electron.of(RunTimeFanOutTest::notAList);
        var cube = Electron.of(RunTimeFanOutTest::cube);

        WorkflowException error = assertThrows(WorkflowException.class,
                () -> Lattice.of("bad-map", (Value<Integer> n) -> cube.map((Value) notAList.call(n))));

        assertTrue(error.getMessage().contains("is a java.lang.String, not a list"), error.getMessage());
    }

    @Test
    void theMappedListFeedsAnElectronTakingAList() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var range = Electron.of(RunTimeFanOutTest::range);
        var cube = Electron.of(RunTimeFanOutTest::cube);
        var sum = Electron.of(io.ecslattice.testing.Steps::sum);
        var lattice = Lattice.of("fan-sum", (Value<Integer> n) -> sum.call(cube.map(range.call(n))));

        Result<Integer> result = lattice.dispatch(LatticeClient.of(dispatcher), 4).result(WAIT);

        assertEquals(0 + 1 + 8 + 27, result.value());
    }

    @Test
    void aMappedValueThatIsNoListFailsTheMapNodeOnceThoughItsItemsWouldBeRetried() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var nothing = Electron.of(RunTimeFanOutTest::noList);
        var cube = Electron.of(RunTimeFanOutTest::cube).retries(Retry.times(2));
        var lattice = Lattice.of("null-fan", (Value<Integer> n) -> cube.map(nothing.call(n)));

        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), 3);
        String id = dispatch.id();
        Result<List<Integer>> result = dispatch.result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status(), result.toString());
        assertEquals("1", result.failedNodeId());
        NodeRecord map = dispatcher.store().reader().node(id, "1").orElseThrow();
        assertEquals("NotAList", map.error().type());
        assertEquals(0, map.attempt(), "its items' retry policy is not the map node's: the value it maps will not change");
    }

    @Test
    void aResumeFollowsTheItemsStillRunningUnderAMapNodeThatFailed() {
        HeldItems first = new HeldItems(new CompletableFuture<>());
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        var cube = Electron.of(RunTimeFanOutTest::cube).executor(first);
        var lattice = Lattice.of("held-fan", (Value<List<Integer>> xs) -> cube.map(xs));
        String id = lattice.dispatch(LatticeClient.of(dispatcher), List.of(1, 2)).id();
        await().atMost(WAIT).until(() -> status(id, "0") == Status.FAILED && status(id, "0[1]") == Status.RUNNING);
        dispatcher.close();

        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(new HeldItems(CompletableFuture.completedFuture(null)));
        Result<List<Integer>> result = LatticeClient.of(dispatcher).attach(id, new TypeRef<List<Integer>>() { }).result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status(), result.toString());
        assertEquals("0[0]", result.failedNodeId());
        assertEquals(Status.COMPLETED, status(id, "0[1]"), "the item that ran on was followed to its end");
    }

    private Status status(String id, String nodeId) {
        return dispatcher.store().reader().node(id, nodeId).map(NodeRecord::status).orElse(null);
    }

    /**
     * Fails item 0 of a map once item 1 was submitted (so the failure cannot cancel item 1 before it starts), and
     * finishes every other task when {@code finish} completes: stands in for a task that outlives its driver, which
     * an in-process executor cannot have.
     */
    private static final class HeldItems implements Executor {
        private final CompletableFuture<Void> finish;
        private final CompletableFuture<Void> secondSubmitted = new CompletableFuture<>();

        HeldItems(CompletableFuture<Void> finish) {
            this.finish = finish;
        }

        @Override
        public String name() {
            return "held";
        }

        @Override
        public int maxInFlight() {
            return 4;
        }

        @Override
        public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
            if (spec.nodeId().endsWith("[1]")) {
                secondSubmitted.complete(null);
            }
            return CompletableFuture.completedFuture(new TaskHandle(name(), spec.nodeId(),
                    Map.of("dispatchId", spec.dispatchId(), "nodeId", spec.nodeId())));
        }

        @Override
        public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
            String dispatch = handle.details().get("dispatchId");
            String node = handle.details().get("nodeId");
            Instant now = Instant.now();
            if (node.endsWith("[0]")) {
                TaskResult failed = new TaskResult(Wire.VERSION, dispatch, node, null,
                        new TaskError("java.lang.IllegalArgumentException", "item 0 fails", ""), "", "", now, now);
                return secondSubmitted.thenApply(v -> new TaskOutcome(failed, Map.of()));
            }
            return finish.thenApply(v -> new TaskOutcome(new TaskResult(Wire.VERSION, dispatch, node, Wire.mapper().valueToTree(8),
                    null, "", "", now, now), Map.of()));
        }

        @Override
        public CompletableFuture<Void> cancel(TaskHandle handle) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<String> logs(TaskHandle handle, int maxLines) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
