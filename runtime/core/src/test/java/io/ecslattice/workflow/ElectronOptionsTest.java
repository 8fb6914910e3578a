package io.ecslattice.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.EcsLatticeException;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.testing.Steps;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectronOptionsTest {

    @Test
    void oneOptionsValueIsSharedByElectronsOfEveryArity() {
        var onEcs = ElectronOptions.DEFAULTS.withExecutor("ecs").withRetries(Retry.times(2)).withTimeout(Duration.ofMinutes(1))
                .withVcpu(1).withMemory(2).withCache(Duration.ofHours(1));
        var hello = Electron.of(Steps::hello).options(onEcs);
        var square = Electron.of(Steps::square).options(onEcs);
        var add = Electron.of(Steps::add).options(onEcs);
        var markAndAdd = Electron.of(Steps::markAndAdd).options(onEcs);

        var lattice = Lattice.of("shared", (Value<String> m) -> markAndAdd.call(m, square.call(Value.of(2)),
                add.call(Value.of(1), Value.of(2))).after(hello.call()));

        List<NodeSpec> nodes = lattice.graph().nodes();
        assertEquals(4, nodes.size());
        for (NodeSpec node : nodes) {
            assertEquals("ecs", node.executor(), node.label());
            assertEquals(2, node.retry().retries(), node.label());
            assertEquals(60_000L, node.timeoutMillis(), node.label());
            assertEquals("1", node.resources().vcpu().toPlainString(), node.label());
            assertEquals("2", node.resources().memory().toPlainString(), node.label());
            assertEquals(3600L, node.cacheSeconds(), node.label());
        }
    }

    @Test
    void aSetterReturnsAnElectronOfTheSameArityAndLeavesTheOriginalAsItWas() {
        Electron2<Integer, Integer, Integer> add = Electron.of(Steps::add);
        Electron2<Integer, Integer, Integer> onEcs = add.executor("ecs").timeout(Duration.ofSeconds(5));

        assertSame(ElectronOptions.DEFAULTS, add.options());
        assertEquals("ecs", onEcs.options().executorName());
        assertEquals(Duration.ofSeconds(5), onEcs.options().timeout());
        assertEquals("Electron(Steps.add on ecs)", onEcs.toString());
    }

    @Test
    void everyArityWithParametersMapsOverItsFirstParameter() {
        var markAndAdd = Electron.of(Steps::markAndAdd);
        var lattice = Lattice.of("mapped", (Value<List<String>> markers) -> markAndAdd.map(markers, Value.of(1), Value.of(2)));

        NodeSpec node = lattice.graph().node("0");
        assertTrue(node.isMap());
        assertEquals(0, node.mapArg());
        assertEquals(3, node.args().size());
    }

    @Test
    void redispatchReplacesElectronsOfAnyArity() {
        var changes = Redispatch.same().replace("hello", Electron.of(Steps::hello)).replace("markAndAdd", Electron.of(Steps::markAndAdd));

        assertEquals(Set.of("hello", "markAndAdd"), changes.replacements().keySet());
        assertEquals("markAndAdd", changes.replacements().get("markAndAdd").getName());
    }

    @Test
    void aLatticeExecutorReplacesAnEarlierOneAndLeavesElectronsThatNameTheirOwn() {
        var square = Electron.of(Steps::square);
        var pinned = Electron.of(Steps::square).executor("pinned");
        var lattice = Lattice.of("executors", (Value<Integer> x) -> pinned.call(square.call(x)));

        Graph graph = lattice.executor("first").executor("second").graph();

        assertEquals("second", graph.node("0").executor());
        assertEquals("pinned", graph.node("1").executor());
        assertNull(lattice.graph().node("0").executor(), "the original lattice is unchanged");
    }

    @Test
    void aRejectedOptionNamesTheElectronAndIsAnEcsLatticeException() {
        var square = Electron.of(Steps::square);

        EcsLatticeException e = assertThrows(EcsLatticeException.class, () -> square.cache(Duration.ofMillis(10)));

        assertTrue(e instanceof WorkflowException, e.getClass().getName());
        assertTrue(e.getMessage().startsWith("Electron(Steps.square): cache(PT0.01S): the expiry must be at least one second"),
                e.getMessage());
    }
}
