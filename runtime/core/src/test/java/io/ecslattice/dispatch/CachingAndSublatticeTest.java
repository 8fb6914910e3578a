package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.NodeSummary;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
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
        Lattice<Integer> lattice = Lattice.of("cached", (Value<Integer> x) -> inc.call(square.call(x)));

        String first = dispatcher.dispatch(lattice, 3);
        assertEquals(10, dispatcher.<Integer>getResult(first, WAIT).value());
        String second = dispatcher.dispatch(lattice, 3);
        assertEquals(10, dispatcher.<Integer>getResult(second, WAIT).value());
        String third = dispatcher.dispatch(lattice, 4);
        assertEquals(17, dispatcher.<Integer>getResult(third, WAIT).value());

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
        dispatcher = new Dispatcher(io.ecslattice.store.ResultsStore.open(dir.resolve("results.db")),
                new io.ecslattice.executor.ExecutorRegistry(io.ecslattice.config.ConfigFile.load(dir.resolve("none.toml"))),
                Duration.ofDays(1), "local", clock);
        dispatcher.registry().register(io.ecslattice.executor.local.LocalExecutor.inProcess("local", 2));
        SLOW_RUNS.set(0);
        var square = Electron.of(CachingAndSublatticeTest::slowSquare).cache(Duration.ofMinutes(5));
        Lattice<Integer> lattice = Lattice.of("expiring", (Value<Integer> x) -> square.call(x));
        dispatcher.getResult(dispatcher.dispatch(lattice, 5), WAIT);
        clock.advance(Duration.ofMinutes(4));
        String fresh = dispatcher.dispatch(lattice, 5);
        dispatcher.getResult(fresh, WAIT);
        clock.advance(Duration.ofMinutes(2));

        String expired = dispatcher.dispatch(lattice, 5);
        dispatcher.getResult(expired, WAIT);

        assertEquals(Status.CACHED, dispatcher.store().reader().node(fresh, "0").orElseThrow().status(), "4 minutes old");
        assertEquals(Status.COMPLETED, dispatcher.store().reader().node(expired, "0").orElseThrow().status(),
                "6 minutes after the run: a reuse 2 minutes ago does not make the value younger");
        assertEquals(2, SLOW_RUNS.get());
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
        Lattice<Integer> lattice = Lattice.of("two-args", (Value<Integer> a, Value<Integer> b) -> times.call(inc.call(a), inc.call(b)));
        String first = dispatcher.dispatch(lattice, 2, 3);
        assertEquals(12, dispatcher.<Integer>getResult(first, WAIT).value());

        String again = dispatcher.redispatch(first, new Object[] {2, 5}, java.util.Map.of());

        assertEquals(18, dispatcher.<Integer>getResult(again, WAIT).value());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(again);
        assertEquals(List.of(Status.CACHED, Status.COMPLETED, Status.COMPLETED), nodes.stream().map(NodeRecord::status).toList());
    }

    @Test
    void redispatchWithAReplacedElectronRerunsItAndWhatItFeeds() throws Exception {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        var square = Electron.of(CachingAndSublatticeTest::slowSquare);
        var times = Electron.of(CachingAndSublatticeTest::times);
        Lattice<Integer> lattice = Lattice.of("replace", (Value<Integer> a) -> times.call(inc.call(a), square.call(a)));
        String first = dispatcher.dispatch(lattice, 3);
        assertEquals(36, dispatcher.<Integer>getResult(first, WAIT).value());

        String again = dispatcher.redispatch(first, null,
                java.util.Map.of("plusOne", CachingAndSublatticeTest.class.getMethod("plusTwo", int.class)));

        assertEquals(45, dispatcher.<Integer>getResult(again, WAIT).value());
        List<NodeRecord> nodes = dispatcher.store().reader().nodes(again);
        assertEquals("plusTwo", nodes.get(0).name());
        assertEquals(List.of(Status.COMPLETED, Status.CACHED, Status.COMPLETED), nodes.stream().map(NodeRecord::status).toList());
        WorkflowException unknown = assertThrows(WorkflowException.class, () -> dispatcher.redispatch(first, null,
                java.util.Map.of("nope", CachingAndSublatticeTest.class.getMethod("plusTwo", int.class))));
        assertTrue(unknown.getMessage().contains("has no electron named nope; its electrons are plusOne, slowSquare, times"),
                unknown.getMessage());
    }

    @Test
    void aSublatticeRunsAsPartOfTheOuterDispatchWithPrefixedIdsAndItsGroup() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        var times = Electron.of(CachingAndSublatticeTest::times);
        Lattice<Integer> inner = Lattice.of("inner", (Value<Integer> a, Value<Integer> b) -> times.call(inc.call(a), inc.call(b)));
        Lattice<Integer> middle = Lattice.of("middle", (Value<Integer> a) -> inc.call(inner.call(a, Value.of(1))));
        Lattice<Integer> outer = Lattice.of("outer", (Value<Integer> x) -> times.call(middle.call(inc.call(x)), Value.of(10)));

        String id = dispatcher.dispatch(outer, 1);
        Result<Integer> result = dispatcher.getResult(id, WAIT);

        // inc(1) = 2; inner(2, 1) = 3 * 2 = 6; middle = 7; outer = 70
        assertEquals(70, result.value(), result.toString());
        List<NodeSummary> nodes = dispatcher.store().reader().detail(id).orElseThrow().nodes();
        assertEquals(List.of("0", "1.0.0", "1.0.1", "1.0.2", "1.1", "2"), nodes.stream().map(NodeSummary::id).toList());
        assertNull(nodes.get(0).group());
        assertEquals("middle/inner", nodes.get(1).group());
        assertEquals("middle", nodes.get(4).group());
        assertTrue(nodes.stream().allMatch(n -> n.status() == Status.COMPLETED));
    }

    @Test
    void aSublatticeCalledWithTheWrongNumberOfArgumentsIsRejectedWhenBuilt() {
        var inc = Electron.of(CachingAndSublatticeTest::plusOne);
        Lattice<Integer> inner = Lattice.of("inner1", (Value<Integer> a) -> inc.call(a));
        WorkflowException error = assertThrows(WorkflowException.class,
                () -> Lattice.of("outer1", (Value<Integer> a, Value<Integer> b) -> inner.call(a, b)));
        assertTrue(error.getMessage().contains("lattice inner1 takes 1 argument(s) but was called with 2 inside lattice outer1"),
                error.getMessage());
    }
}
