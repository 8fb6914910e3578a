package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Value;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one read interface: the dispatcher and the read-only client answer alike, in read types, never store rows. */
class DispatchesTest {

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
    void theDispatcherAndTheReadOnlyClientReadTheSameDispatch() {
        dispatcher = TestDispatchers.inProcess(dir, 4);
        var join = Electron.of(Steps::join);
        var excite = Electron.of(Steps::excite);
        String id = Lattice.of("hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)))
                .dispatch(LatticeClient.of(dispatcher), "Hello", "World").id();
        assertTrue(dispatcher.await(id, Duration.ofSeconds(30)).terminal());

        for (Dispatches dispatches : List.<Dispatches>of(dispatcher, dispatcher.client())) {
            String which = dispatches.getClass().getSimpleName();
            assertEquals(List.of(id), dispatches.list(10, 0).stream().map(DispatchInfo::id).toList(), which);
            DispatchInfo info = dispatches.info(id).orElseThrow();
            assertTrue(info.completed() && info.terminal(), which + ": " + info);
            assertEquals("2/2 done", info.progress().text(), which);
            assertEquals("COMPLETED", dispatches.state(id).status(), which);
            assertEquals("\"Hello, World!\"", dispatches.await(id, Duration.ofSeconds(1)).output().toString(), which);

            DispatchGraph graph = dispatches.graph(id).orElseThrow();
            assertEquals(List.of("join", "excite"), graph.nodes().stream().map(NodeInfo::name).toList(), which);
            assertEquals(List.of(new DispatchGraph.Edge("0", "1", 0, false)), graph.edges(), which);
            assertTrue(graph.cost().isEmpty(), which + ": the local executor records no cost estimate");

            NodeDetail excited = dispatches.node(id, "1").orElseThrow();
            assertEquals("\"Hello, World\"", excited.inputs().get(0).toString(), which);
            assertTrue(excited.stdout().contains("exciting Hello, World"), which + ": " + excited.stdout());
            assertEquals(1, excited.attempts().size(), which);
            assertTrue(dispatches.liveLogs(id, "1", 10).isEmpty(), which + ": an ended node has no running task");

            assertFalse(dispatches.driver(id).map(Driver::live).orElse(false), which + ": nothing drives an ended dispatch");
            assertEquals(CancelOutcome.Kind.ALREADY_ENDED, dispatches.requestCancel(id).kind(), which);
            assertTrue(dispatches.info("no-such-id").isEmpty() && dispatches.graph("no-such-id").isEmpty(), which);
            assertThrows(DispatchException.class, () -> dispatches.requestCancel("no-such-id"), which);
        }
    }

    @Test
    void whatTheReadInterfaceReturnsHoldsNoStoreType() {
        Set<String> seen = new HashSet<>();
        for (Method method : Dispatches.class.getMethods()) {
            assertNoStoreType(method.getGenericReturnType(), Dispatches.class.getSimpleName() + "." + method.getName(), seen);
        }
    }

    private static void assertNoStoreType(Type type, String where, Set<String> seen) {
        if (type instanceof ParameterizedType parameterized) {
            assertNoStoreType(parameterized.getRawType(), where, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                assertNoStoreType(argument, where, seen);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || c.isPrimitive() || !seen.add(c.getName())) {
            return;
        }
        assertFalse(c.getPackageName().startsWith("io.ecslattice.store"), where + " returns the store type " + c.getName());
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                assertNoStoreType(component.getGenericType(), where + " -> " + c.getSimpleName() + "." + component.getName(), seen);
            }
        }
    }
}
