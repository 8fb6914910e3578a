package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.DispatchDetail;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.NodeSummary;
import io.ecslattice.store.Status;
import io.ecslattice.testing.BrokenExecutor;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattice1;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.LatticeGraphs;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import io.ecslattice.workflow.WorkflowException;
import io.ecslattice.graph.Graph;
import io.ecslattice.wire.Wire;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dispatcher on the in-process executor and a real SQLite file. */
class DispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void helloLatticeCompletesWithValueTimesAndCapturedOutput() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var join = Electron.of(Steps::join);
        var excite = Electron.of(Steps::excite);
        var lattice = Lattice.of("hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));

        String id = lattice.dispatch(LatticeClient.of(dispatcher), "Hello", "World").id();
        Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(WAIT);

        assertEquals(DispatchStatus.COMPLETED, result.status());
        assertEquals("Hello, World!", result.value());
        assertTrue(result.toString().contains("COMPLETED"), result.toString());
        assertTrue(result.toString().contains("value: Hello, World!"), result.toString());
        NodeRecord excited = dispatcher.store().reader().node(id, "1").orElseThrow();
        assertEquals(Status.COMPLETED, excited.status());
        assertEquals("\"Hello, World\"", excited.inputs().get(0).toString());
        assertTrue(excited.stdout().contains("exciting Hello, World"), excited.stdout());
        assertTrue(excited.stderr().contains("stderr of excite"), excited.stderr());
        assertNotNull(excited.handle());
        assertNotNull(excited.pendingAt());
        assertNotNull(excited.startedAt());
        assertNotNull(excited.endedAt());
        DispatchDetail detail = dispatcher.store().reader().detail(id).orElseThrow();
        assertEquals(1, detail.edges().size());
        assertEquals(2, detail.summary().counts().completed());
        assertNotNull(detail.summary().startedAt());
        assertTrue(dispatcher.store().reader().lease(id).isEmpty(), "a finished dispatch holds no lease");
    }

    @Test
    void fanOutOfTwentyFeedsOneReducer() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var square = Electron.of(Steps::square);
        var sum = Electron.of(Steps::sum);
        var lattice = Lattice.of("fan", (Value<Integer> offset) -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                squares.add(square.call(Value.of(i)));
            }
            return Electron.of(Steps::add).call(sum.call(Value.list(squares)), offset);
        });
        Result<Integer> result = lattice.dispatch(LatticeClient.of(dispatcher), 1000).result(WAIT);
        assertEquals(1000 + 2870, result.value());
        assertEquals(22, result.progress().completed());
    }

    @Test
    void recordsCrossTheWireAsJson() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var move = Electron.of(Steps::move);
        var lattice = Lattice.of("move", (Value<Steps.Point> p) -> move.call(move.call(p, Value.of(1)), Value.of(2)));
        Result<Steps.Point> result = lattice.dispatch(LatticeClient.of(dispatcher), new Steps.Point(1, 5)).result(WAIT);
        assertEquals(new Steps.Point(4, 5), result.value());
    }

    @Test
    void readyNodesRunConcurrentlyButNeverMoreThanMaxInFlight() {
        dispatcher = TestDispatchers.inProcess(dir, 3);
        Steps.MAX_RUNNING.set(0);
        Steps.GATE = new CountDownLatch(1);
        var gated = Electron.of(Steps::gated);
        var sum = Electron.of(Steps::sum);
        var lattice = Lattice.of("gated", () -> {
            List<Value<Integer>> waits = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                waits.add(gated.call(Value.of(i)));
            }
            return sum.call(Value.list(waits));
        });
        Dispatch<Integer> dispatch = lattice.dispatch(LatticeClient.of(dispatcher));
        // Nine ready nodes and the gate shut: exactly max_in_flight of them start, and stay the only ones.
        await("three gated electrons running").atMost(WAIT).until(() -> Steps.RUNNING.get() == 3);
        List<NodeRecord> started = dispatcher.store().reader().nodes(dispatch.id()).stream().filter(n -> n.handle() != null).toList();
        assertEquals(3, started.size(), "nodes started while three run: " + started);
        Steps.GATE.countDown();

        assertEquals(36, dispatch.result(WAIT).value());
        assertEquals(3, Steps.MAX_RUNNING.get());
    }

    @Test
    void failedNodeFailsLatticeDependentsNeverRunIndependentRunningNodesFinish() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var boom = Electron.of(Steps::boom);
        var square = Electron.of(Steps::square);
        var gated = Electron.of(Steps::gated);
        var whenRunning = Electron.of(Steps::whenRunning);
        var add = Electron.of(Steps::add);
        Steps.GATE = new CountDownLatch(1);
        var lattice = Lattice.of("failing", () -> {
            Value<Integer> slow = gated.call(Value.of(1500));
            // boom starts once the slow independent node runs, so that node is surely running when it fails.
            Value<Integer> failed = boom.call(whenRunning.call(Value.of(1), Value.of(300)));
            Value<Integer> after = square.call(failed);
            return add.call(after, slow);
        });
        String id = lattice.dispatch(LatticeClient.of(dispatcher)).id();
        awaitStatus(id, "2", Status.FAILED);
        Steps.GATE.countDown();
        Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        assertEquals("2", result.failedNodeId());
        assertEquals("java.lang.IllegalStateException", result.error().type());
        assertEquals("boom on 300", result.error().message());
        String text = result.toString();
        assertTrue(text.contains("failed node 2 (boom) on local: java.lang.IllegalStateException: boom on 300"), text);
        assertTrue(text.contains("at io.ecslattice.testing.Steps.boom"), text);
        assertTrue(text.contains("about to fail on 300"), text);
        List<NodeSummary> nodes = dispatcher.store().reader().detail(id).orElseThrow().nodes();
        assertEquals(Status.COMPLETED, nodes.get(0).status(), "the independent running node finished");
        assertEquals(Status.COMPLETED, nodes.get(1).status());
        assertEquals(Status.FAILED, nodes.get(2).status());
        assertEquals(Status.CANCELLED, nodes.get(3).status());
        assertEquals(Status.CANCELLED, nodes.get(4).status());
        NodeRecord neverRan = dispatcher.store().reader().node(id, "3").orElseThrow();
        assertEquals(null, neverRan.handle());
        assertTrue(neverRan.error().message().contains("not run because node 2 (boom) failed"), neverRan.error().message());
        WorkflowException noValue = assertThrows(WorkflowException.class, result::value);
        assertTrue(noValue.getMessage().contains("is FAILED"), noValue.getMessage());
    }

    @Test
    void cancelStopsRunningNodesAndPendingOnesNeverStart() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        Steps.GATE = new CountDownLatch(1); // never opened: cancel interrupts the two that run
        var gated = Electron.of(Steps::gated);
        var sum = Electron.of(Steps::sum);
        var lattice = Lattice.of("long", () -> {
            List<Value<Integer>> waits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                waits.add(gated.call(Value.of(i)));
            }
            return sum.call(Value.list(waits));
        });
        String id = lattice.dispatch(LatticeClient.of(dispatcher)).id();
        awaitStatus(id, "0", Status.RUNNING);
        await("two gated electrons running").atMost(WAIT).until(() -> Steps.RUNNING.get() == 2);

        assertTrue(dispatcher.cancel(id));
        Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(WAIT);

        assertEquals(DispatchStatus.CANCELLED, result.status());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(id);
        assertEquals(Status.CANCELLED, nodes.get(6).status());
        assertEquals(null, nodes.get(6).handle(), "the reducer never started");
        long neverStarted = nodes.stream().filter(n -> n.handle() == null).count();
        assertEquals(5, neverStarted, "only the two running electrons were started");
        assertTrue(!dispatcher.cancel(id), "cancelling an ended dispatch says so");
    }

    @Test
    void cancelInterruptsAnInProcessElectronThatIsRunning() {
        dispatcher = TestDispatchers.inProcess(dir, 1);
        var sleep = Electron.of(Steps::sleep);
        String id = Lattice.of("nap", () -> sleep.call(Value.of(120_000))).dispatch(LatticeClient.of(dispatcher)).id();
        awaitStatus(id, "0", Status.RUNNING);
        await("the electron sleeping").atMost(WAIT).until(() -> Steps.RUNNING.get() == 1);

        assertTrue(dispatcher.cancel(id));

        await("the cancelled electron stopped").atMost(Duration.ofSeconds(5)).until(() -> Steps.RUNNING.get() == 0);
        assertEquals(DispatchStatus.CANCELLED, LatticeClient.of(dispatcher).attach(id, Integer.class).result(WAIT).status());
    }

    /** Both local isolations: a child JVM per electron, and the warm pool whose JVMs finish their electrons after close. */
    @ParameterizedTest
    @ValueSource(strings = {"jvm_per_task", "pool"})
    void closeWhileADispatchRunsStopsDrivingItAndLeavesItToASuccessorAtOnce(String isolation) throws Exception {
        Path marker = dir.resolve("runs.txt");
        Dispatcher first = localDispatcher(Duration.ofSeconds(60), isolation);
        var slow = Electron.of(Steps::markAndSleep);
        String id = Lattice.of("slow", (Value<String> m) -> slow.call(m, Value.of(2000), Value.of(7))).dispatch(LatticeClient.of(first), marker.toString()).id();
        awaitStatus(first, id, "0", Status.RUNNING);
        CompletableFuture<DispatchState> waiting = CompletableFuture.supplyAsync(() -> first.await(id, WAIT));

        first.close();

        ExecutionException stopped = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(DispatchException.class, stopped.getCause());
        assertTrue(stopped.getCause().getMessage().contains("closed while waiting for dispatch " + id), stopped.getCause().getMessage());
        assertTrue(stopped.getCause().getMessage().contains("ecs-lattice resume " + id), stopped.getCause().getMessage());
        try (Dispatcher successor = localDispatcher(Duration.ofSeconds(60), isolation)) {
            assertTrue(successor.resume(id), "the closed dispatcher gave up its lease");
            assertEquals(7, LatticeClient.of(successor).attach(id, Integer.class).result(WAIT).value());
            assertEquals(List.of("ran"), Files.readAllLines(marker), "the running electron was re-attached, not run again");
        }
    }

    @Test
    void classLoaderOfATakeoverIsClosedWhenTheDispatchEnds() throws Exception {
        dispatcher = TestDispatchers.inProcess(dir, 1);
        Path classes = Files.createDirectories(dir.resolve("user-classes"));
        Files.writeString(classes.resolve("takeover-only.txt"), "found through the takeover's class loader");
        var record = Electron.of(Steps::contextLoader);
        Graph built = LatticeGraphs.of(Lattice.of("loader", () -> record.call()));
        Graph graph = new Graph(built.name(), built.paramCount(), built.nodes().stream().map(n -> n.withExecutor("local")).toList(),
                built.output(), built.outputType());
        Instant now = Instant.now();
        // Recorded by a process that died at once: its lease has expired, nothing has started.
        dispatcher.store().insertDispatch(DispatchRecords.newDispatch("orphan", graph, Wire.mapper().createArrayNode(),
                List.of(classes), now), "1@elsewhere/gone", now.minusSeconds(1));

        assertEquals(DispatchStatus.COMPLETED, LatticeClient.of(dispatcher).attach("orphan", String.class).result(WAIT).status());

        URLClassLoader loader = assertInstanceOf(URLClassLoader.class, Steps.lastContextLoader, "the electron ran with the takeover's loader");
        assertEquals(List.of(classes.toUri().toURL()), List.of(loader.getURLs()));
        await("the takeover's class loader closed").atMost(Duration.ofSeconds(5))
                .until(() -> loader.findResource("takeover-only.txt") == null);
    }

    private Dispatcher localDispatcher(Duration lease, String isolation) {
        Dispatcher child = TestDispatchers.plain(dir, lease);
        child.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString(), "isolation", isolation)));
        return child;
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void argumentOfTheWrongTypeGotPastTheCompilerIsRejectedBeforeAnythingIsRecorded() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var square = Electron.of(Steps::square);
        Lattice1 raw = Lattice.of("sq", (Value<Integer> x) -> square.call(x));
        WorkflowException type = assertThrows(WorkflowException.class, () -> raw.dispatch(LatticeClient.of(dispatcher), "seven"));
        assertTrue(type.getMessage().contains("argument 1 of lattice sq (seven) feeds parameter 1 of square"), type.getMessage());
        assertEquals(0, dispatcher.store().reader().listDispatches(10, 0).size());
    }

    @Test
    void unknownExecutorNameIsRejectedAtDispatch() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var square = Electron.of(Steps::square).executor("gpu-cluster");
        var lattice = Lattice.of("sq", (Value<Integer> x) -> square.call(x));
        RuntimeException e = assertThrows(RuntimeException.class, () -> lattice.dispatch(LatticeClient.of(dispatcher), 3).id());
        assertTrue(e.getMessage().contains("unknown executor 'gpu-cluster'"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*known types: [a-z, ]*\\blocal\\b.*"), e.getMessage());
    }

    @Test
    void electronGivenAnExecutorInstanceRunsThereAndIsRecordedByItsName() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        try (LocalExecutor fast = LocalExecutor.inProcess("fast", 1)) {
            var square = Electron.of(Steps::square).executor(fast);
            var add = Electron.of(Steps::add);
            var lattice = Lattice.of("mixed", (Value<Integer> x) -> add.call(square.call(x), x));
            String id = lattice.dispatch(LatticeClient.of(dispatcher), 4).id();
            assertEquals(20, LatticeClient.of(dispatcher).attach(id, Integer.class).result(WAIT).value());
            List<NodeRecord> nodes = dispatcher.store().reader().nodes(id);
            assertEquals("fast", nodes.get(0).executor());
            assertEquals("fast", nodes.get(0).handle().executor());
            assertEquals("local", nodes.get(1).executor());
        }
    }

    @Test
    void executorThatCannotStartOrFollowATaskFailsTheNodeSayingWhy() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var cannotStart = Electron.of(Steps::square).executor(new BrokenExecutor(BrokenExecutor.Fault.SUBMIT_THROWS));
        Result<Integer> notStarted = Lattice.of("s", () -> cannotStart.call(Value.of(2))).dispatch(LatticeClient.of(dispatcher)).result(WAIT);
        assertEquals(DispatchStatus.FAILED, notStarted.status());
        assertEquals("SubmitFailed", notStarted.error().type());
        assertEquals("executor broken-submit_throws could not start the task: java.lang.IllegalStateException: no capacity in region",
                notStarted.error().message());

        var cannotFollow = Electron.of(Steps::square).executor(new BrokenExecutor(BrokenExecutor.Fault.AWAIT_THROWS));
        Result<Integer> lost = Lattice.of("a", () -> cannotFollow.call(Value.of(2))).dispatch(LatticeClient.of(dispatcher)).result(WAIT);
        assertEquals("AwaitFailed", lost.error().type());
        assertEquals("lost track of the task: java.lang.IllegalStateException: status endpoint unreachable", lost.error().message());
        assertEquals("t-0", dispatcher.store().reader().node(lost.dispatchId(), lost.failedNodeId()).orElseThrow().handle().ref(),
                "the handle was stored before awaiting");
    }

    @Test
    void lostTrackOfATaskNamesTheUnderlyingExceptionsTypeAndMessageAndKeepsItsStackTrace() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var cannotFollow = Electron.of(Steps::square).executor(new BrokenExecutor(BrokenExecutor.Fault.AWAIT_FAILS_LATER));
        Result<Integer> lost = Lattice.of("a", () -> cannotFollow.call(Value.of(2))).dispatch(LatticeClient.of(dispatcher)).result(WAIT);
        assertEquals("AwaitFailed", lost.error().type());
        assertEquals("lost track of the task: java.lang.IllegalArgumentException: Illegal character in path at index 16: "
                + "s3://bucket/1[9]/result.json", lost.error().message());
        assertTrue(lost.error().stackTrace().startsWith("java.lang.IllegalArgumentException"), lost.error().stackTrace());
    }

    @Test
    void unexpectedErrorWhileDrivingStopsDrivingAndSaysHowToContinue() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var broken = Electron.of(Steps::square).executor(new BrokenExecutor(BrokenExecutor.Fault.NULL_HANDLE));
        String id = Lattice.of("n", () -> broken.call(Value.of(2))).dispatch(LatticeClient.of(dispatcher)).id();
        DispatchException e = assertThrows(DispatchException.class, () -> LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT));
        assertTrue(e.getMessage().contains("driving dispatch " + id + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("ecs-lattice resume " + id), e.getMessage());
        assertEquals(Status.PENDING, dispatcher.store().reader().node(id, "0").orElseThrow().status(), "what was stored is kept");
    }

    @Test
    void latticeWithoutNodesCompletesWithItsArgument() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        Result<String> echoed = Lattice.of("echo", (Value<String> s) -> s).dispatch(LatticeClient.of(dispatcher), "same").result(WAIT);
        assertEquals("same", echoed.value());
        assertEquals(0, echoed.progress().total());
    }

    private void awaitStatus(String id, String node, Status status) {
        awaitStatus(dispatcher, id, node, status);
    }

    private static void awaitStatus(Dispatcher dispatcher, String id, String node, Status status) {
        await("node " + node + " of " + id + " " + status).atMost(WAIT).pollInterval(Duration.ofMillis(25))
                .until(() -> dispatcher.store().reader().node(id, node).orElseThrow().status() == status);
    }
}
