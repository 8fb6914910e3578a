package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import io.ecslattice.workflow.WorkflowException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
