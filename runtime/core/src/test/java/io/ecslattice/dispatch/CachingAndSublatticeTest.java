package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.NodeSummary;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import io.ecslattice.workflow.WorkflowException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-electron caching across dispatches, redispatch with new arguments or a replaced electron, and sublattices; in process. */
class CachingAndSublatticeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    static final AtomicInteger SLOW_RUNS = new AtomicInteger();

    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    public static int slowSquare(int x) {
        SLOW_RUNS.incrementAndGet();
        return x * x;
    }

    public static int plusOne(int x) {
        return x + 1;
    }

    public static int plusTwo(int x) {
        return x + 2;
    }

    public static int times(int a, int b) {
        return a * b;
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void aCachedElectronIsReusedByALaterDispatchOnTheSameInputsOnly() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        SLOW_RUNS.set(0);
        var square = Electron.of(CachingAndSublatticeTest::slowSquare).cache(Duration.ofHours(1));
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        var lattice = Lattice.of("cached", (Value<Integer> x) -> inc.call(square.call(x)));

        String first = run(lattice.dispatch(LatticeClient.of(dispatcher), 3), 10);
        String second = run(lattice.dispatch(LatticeClient.of(dispatcher), 3), 10);
        run(lattice.dispatch(LatticeClient.of(dispatcher), 4), 17);

        assertEquals(2, SLOW_RUNS.get(), "run for 3 and for 4; the second dispatch of 3 reused the first's");
        NodeRecord reused = dispatcher.store().reader().node(second, "0").orElseThrow();
        assertEquals(Status.CACHED, reused.status());
        assertEquals(first, reused.cachedFrom());
        assertEquals(Status.COMPLETED, dispatcher.store().reader().node(second, "1").orElseThrow().status(),
                "an electron without .cache runs again in a new dispatch");
        assertEquals(2, dispatcher.store().reader().dispatch(second).orElseThrow().counts().completed(), "CACHED counts as done");
    }

    @Test
    void anExpiredResultIsNotReused() {
        AdjustableClock clock = new AdjustableClock();
        dispatcher = Dispatcher.builder().store(io.ecslattice.store.ResultsStore.open(dir.resolve("results.db")))
                .executors(new io.ecslattice.executor.ExecutorRegistry(io.ecslattice.config.ConfigFile.load(dir.resolve("none.toml"))))
                .leaseTtl(Duration.ofDays(1)).defaultExecutor("local").clock(clock).build();
        dispatcher.registry().register(io.ecslattice.executor.local.LocalExecutor.inProcess("local", 2));
        SLOW_RUNS.set(0);
        var square = Electron.of(CachingAndSublatticeTest::slowSquare).cache(Duration.ofMinutes(5));
        var lattice = Lattice.of("expiring", (Value<Integer> x) -> square.call(x));
        run(lattice.dispatch(LatticeClient.of(dispatcher), 5), 25);
        clock.advance(Duration.ofMinutes(4));
        String fresh = run(lattice.dispatch(LatticeClient.of(dispatcher), 5), 25);
        clock.advance(Duration.ofMinutes(2));

        String expired = run(lattice.dispatch(LatticeClient.of(dispatcher), 5), 25);

        assertEquals(Status.CACHED, dispatcher.store().reader().node(fresh, "0").orElseThrow().status(), "4 minutes old");
        assertEquals(Status.COMPLETED, dispatcher.store().reader().node(expired, "0").orElseThrow().status(),
                "6 minutes after the run: a reuse 2 minutes ago does not make the value younger");
        assertEquals(2, SLOW_RUNS.get());
    }

    /** Waits for {@code dispatch}, checks its value and returns its id. */
    private static String run(Dispatch<Integer> dispatch, int expected) {
        assertEquals(expected, dispatch.result(WAIT).value());
        return dispatch.id();
    }

    /** A clock the test moves forward, so an expiry passes without waiting. */
    static final class AdjustableClock extends java.time.Clock {
        private volatile java.time.Instant now = java.time.Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void aCacheExpiryUnderOneSecondIsRejected() {
        var square = Electron.of(CachingAndSublatticeTest::slowSquare);
        WorkflowException error = assertThrows(WorkflowException.class, () -> square.cache(Duration.ZERO));
        assertTrue(error.getMessage().contains("the expiry must be at least one second"), error.getMessage());
    }

    @Test
    void redispatchWithNewArgumentsReusesOnlyWhatTheyDoNotReach() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        var times = Electron.of(CachingAndSublatticeTest::times);
        var lattice = Lattice.of("two-args", (Value<Integer> a, Value<Integer> b) -> times.call(inc.call(a), inc.call(b)));
        String first = run(lattice.dispatch(LatticeClient.of(dispatcher), 2, 3), 12);

        String again = LatticeClient.of(dispatcher).redispatch(first,
                io.ecslattice.workflow.Redispatch.same().withArgs(2, 5));

        assertEquals(18, LatticeClient.of(dispatcher).attach(again, Integer.class).result(WAIT).value());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(again);
        assertEquals(List.of(Status.CACHED, Status.COMPLETED, Status.COMPLETED), nodes.stream().map(NodeRecord::status).toList());
    }

    @Test
    void redispatchWithAReplacedElectronRerunsItAndWhatItFeeds() throws Exception {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        var square = Electron.of(CachingAndSublatticeTest::slowSquare);
        var times = Electron.of(CachingAndSublatticeTest::times);
        var lattice = Lattice.of("replace", (Value<Integer> a) -> times.call(inc.call(a), square.call(a)));
        String first = run(lattice.dispatch(LatticeClient.of(dispatcher), 3), 36);

        String again = dispatcher.redispatch(first, null,
                java.util.Map.of("plusOne", CachingAndSublatticeTest.class.getMethod("plusTwo", int.class)));

        assertEquals(45, LatticeClient.of(dispatcher).attach(again, Integer.class).result(WAIT).value());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(again);
        assertEquals("plusTwo", nodes.get(0).name());
        assertEquals(List.of(Status.COMPLETED, Status.CACHED, Status.COMPLETED), nodes.stream().map(NodeRecord::status).toList());
        DispatchException unknown = assertThrows(DispatchException.class, () -> dispatcher.redispatch(first, null,
                java.util.Map.of("nope", CachingAndSublatticeTest.class.getMethod("plusTwo", int.class))));
        assertTrue(unknown.getMessage().contains("has no electron named nope; its electrons are plusOne, slowSquare, times"),
                unknown.getMessage());
    }

    @Test
    void aSublatticeRunsAsPartOfTheOuterDispatchWithPrefixedIdsAndItsGroup() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        var times = Electron.of(CachingAndSublatticeTest::times);
        var inner = Lattice.of("inner", (Value<Integer> a, Value<Integer> b) -> times.call(inc.call(a), inc.call(b)));
        var middle = Lattice.of("middle", (Value<Integer> a) -> inc.call(inner.call(a, Value.of(1))));
        var outer = Lattice.of("outer", (Value<Integer> x) -> times.call(middle.call(inc.call(x)), Value.of(10)));

        var dispatch = outer.dispatch(LatticeClient.of(dispatcher), 1);
        String id = dispatch.id();
        Result<Integer> result = dispatch.result(WAIT);

        // inc(1) = 2; inner(2, 1) = 3 * 2 = 6; middle = 7; outer = 70
        assertEquals(70, result.value(), result.toString());
        List<NodeSummary> nodes = dispatcher.store().reader().detail(id).orElseThrow().nodes();
        assertEquals(List.of("0", "1.0.0", "1.0.1", "1.0.2", "1.1", "2"), nodes.stream().map(NodeSummary::id).toList());
        assertNull(nodes.get(0).group());
        assertEquals("middle/inner", nodes.get(1).group());
        assertEquals("middle", nodes.get(4).group());
        assertTrue(nodes.stream().allMatch(n -> n.status() == Status.COMPLETED));
    }
}
