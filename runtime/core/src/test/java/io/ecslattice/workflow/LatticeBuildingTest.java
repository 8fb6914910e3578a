package io.ecslattice.workflow;

import io.ecslattice.graph.ArgExpr;

import io.ecslattice.graph.NodeSpec;

import io.ecslattice.graph.Graph;
import io.ecslattice.graph.GraphException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ecslattice.testing.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatticeBuildingTest {

    @Test
    void callingElectronsBuildsTypedNodesAndEdges() {
        var join = Electron.of(Steps::join);
        var excite = Electron.of(Steps::excite).executor("elsewhere");
        Lattice<String> lattice = Lattice.of("hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));

        Graph graph = lattice.graph();
        assertEquals(2, graph.nodes().size());
        NodeSpec first = graph.nodes().get(0);
        assertEquals(Steps.class.getName(), first.className());
        assertEquals("join", first.methodName());
        assertEquals(List.of("java.lang.String", "java.lang.String"), first.parameterTypes());
        assertEquals(List.of(new ArgExpr.Param(0), new ArgExpr.Param(1)), first.args());
        assertEquals(null, first.executor());
        NodeSpec second = graph.nodes().get(1);
        assertEquals("elsewhere", second.executor());
        assertEquals(List.of(new ArgExpr.NodeOutput("0")), second.args());
        assertEquals(new ArgExpr.NodeOutput("1"), graph.output());
        assertEquals("java.lang.String", graph.outputType());
        assertEquals(Set.of("0"), Graph.dependencies(second));
    }

    @Test
    void constantsAndFanInListsBecomeArguments() {
        var square = Electron.of(Steps::square);
        var sum = Electron.of(Steps::sum);
        Lattice<Integer> lattice = Lattice.of("fan", () -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                squares.add(square.call(Value.of(i)));
            }
            return sum.call(Value.list(squares));
        });
        Graph graph = lattice.graph();
        assertEquals(6, graph.nodes().size());
        assertTrue(graph.nodes().get(3).args().get(0) instanceof ArgExpr.Constant c && c.value().asInt() == 3);
        ArgExpr.ListOf list = (ArgExpr.ListOf) graph.nodes().get(5).args().get(0);
        assertEquals(5, list.items().size());
        assertEquals(Set.of("0", "1", "2", "3", "4"), Graph.dependencies(graph.nodes().get(5)));
    }

    @Test
    void graphSurvivesJsonRoundTrip() {
        var move = Electron.of(Steps::move);
        Lattice<Steps.Point> lattice = Lattice.of("move", (Value<Steps.Point> p) -> move.call(move.call(p, Value.of(1)), Value.of(2)));
        Graph graph = lattice.graph();
        assertEquals(graph, Graph.fromJson(graph.toJson()));
    }

    @Test
    void capturingLambdaIsRejectedWithAdviceToUseAStaticMethod() {
        String suffix = "?";
        WorkflowException e = assertThrows(WorkflowException.class, () -> Electron.of((String s) -> s + suffix));
        assertTrue(e.getMessage().contains("captures 1 value"), e.getMessage());
        assertTrue(e.getMessage().contains("static method"), e.getMessage());
    }

    @Test
    void boundAndUnboundInstanceMethodsAreRejected() {
        WorkflowException unbound = assertThrows(WorkflowException.class, () -> Electron.of((Electron.Fn1<String, String>) String::toUpperCase));
        assertTrue(unbound.getMessage().contains("instance method"), unbound.getMessage());
        WorkflowException bound = assertThrows(WorkflowException.class,
                () -> Electron.of((Electron.Fn1<String, String>) new Steps()::instanceMethod));
        assertTrue(bound.getMessage().contains("static method"), bound.getMessage());
    }

    @Test
    void nonCapturingLambdaIsAccepted() {
        var shout = Electron.of((String s) -> s.toUpperCase());
        Lattice<String> lattice = Lattice.of("shout", (Value<String> s) -> shout.call(s));
        assertTrue(lattice.graph().nodes().get(0).methodName().startsWith("lambda$"));
    }

    @Test
    void parameterTypesJsonCannotReadBackAreRejected() {
        var vague = Electron.of(Steps::vague);
        WorkflowException object = assertThrows(WorkflowException.class,
                () -> Lattice.of("vague", (Value<Object> o) -> vague.call(o)));
        assertTrue(object.getMessage().contains("Steps.vague parameter 1 (anything)"), object.getMessage());
        assertTrue(object.getMessage().contains("concrete type"), object.getMessage());

        var runIt = Electron.of(Steps::runIt);
        WorkflowException iface = assertThrows(WorkflowException.class,
                () -> Lattice.of("run", (Value<Runnable> r) -> runIt.call(r)));
        assertTrue(iface.getMessage().contains("java.lang.Runnable is an interface"), iface.getMessage());
    }

    @Test
    void returnTypeWithoutJsonShapeIsRejected() {
        var opaque = Electron.of(Steps::makeOpaque);
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> Lattice.of("opaque", (Value<Integer> i) -> opaque.call(i)));
        assertTrue(e.getMessage().contains("Steps.makeOpaque return type"), e.getMessage());
        assertTrue(e.getMessage().contains("Opaque has no no-arg constructor"), e.getMessage());
    }

    @Test
    void constantThatDoesNotSurviveJsonIsRejected() {
        var square = Electron.of(Steps::square);
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> Lattice.of("bad", () -> square.call((Value) Value.of("not a number"))));
        assertTrue(e.getMessage().contains("Steps.square argument 1: constant not a number does not survive"), e.getMessage());
    }

    @Test
    void cyclesAreRejectedNamingTheNodes() {
        NodeSpec a = new NodeSpec("0", "a", "X", "a", List.of("int"), "int", "local", List.of(new ArgExpr.NodeOutput("1")));
        NodeSpec b = new NodeSpec("1", "b", "X", "b", List.of("int"), "int", "local", List.of(new ArgExpr.NodeOutput("0")));
        NodeSpec c = new NodeSpec("2", "c", "X", "c", List.of("int"), "int", "local", List.of(new ArgExpr.Constant(TextNode.valueOf("x"))));
        GraphException e = assertThrows(GraphException.class,
                () -> new Graph("loop", 0, List.of(a, b, c), new ArgExpr.NodeOutput("1"), "int"));
        assertTrue(e.getMessage().contains("cycle: nodes 0 (a), 1 (b)"), e.getMessage());
    }

    @Test
    void electronCalledOutsideALatticeIsRejected() {
        var square = Electron.of(Steps::square);
        WorkflowException e = assertThrows(WorkflowException.class, () -> square.call(Value.of(2)));
        assertTrue(e.getMessage().contains("outside a lattice"), e.getMessage());
    }

    @Test
    void afterEdgesSurviveInliningAndMayWaitForASublattice() {
        var square = Electron.of(Steps::square);
        var inner = Lattice.of("inner", (Value<Integer> x) -> {
            Value<Integer> first = square.call(x);
            return square.call(Value.of(3)).after(first);
        });
        Lattice<Integer> outer = Lattice.of("outer", () -> {
            Value<Integer> sub = inner.call(square.call(Value.of(1)));
            return square.call(Value.of(2)).after(sub);
        });

        Graph graph = outer.graph();
        NodeSpec innerSecond = graph.nodes().stream().filter(n -> n.id().equals("1.1")).findFirst().orElseThrow();
        assertEquals(List.of("1.0"), innerSecond.after(), "the inner edge names the inlined ids");
        assertEquals("inner", innerSecond.group());
        assertEquals(List.of("1.1"), graph.nodes().get(graph.nodes().size() - 1).after(), "after(...) on a sublattice's result");
    }
}
