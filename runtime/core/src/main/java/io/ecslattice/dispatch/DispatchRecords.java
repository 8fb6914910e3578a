package io.ecslattice.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.store.Edge;
import io.ecslattice.store.NewDispatch;
import io.ecslattice.wire.Wire;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a graph into the rows the results store keeps, and back. */
final class DispatchRecords {

    private DispatchRecords() {
    }

    static NewDispatch newDispatch(String id, Graph graph, ArrayNode args, List<Path> classpath, Instant now) {
        return newDispatch(id, graph, args, classpath, now, null);
    }

    static NewDispatch newDispatch(String id, Graph graph, ArrayNode args, List<Path> classpath, Instant now, String redispatchOf) {
        List<NewDispatch.NewNode> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        rows(graph.nodes(), null, nodes, edges);
        return new NewDispatch(id, graph.name(), now, graph.toJson(), args.toString(),
                classpath.stream().map(Path::toString).toList(), graph.outputType(), nodes, edges, redispatchOf);
    }

    /** The node and edge rows of {@code specs}, items of map node {@code parent} (or null). */
    static void rows(List<NodeSpec> specs, String parent, List<NewDispatch.NewNode> nodes, List<Edge> edges) {
        for (NodeSpec node : specs) {
            nodes.add(new NewDispatch.NewNode(node.id(), node.name(), node.executor(), node.className(), node.methodName(),
                    node.group(), parent));
            for (int i = 0; i < node.args().size(); i++) {
                for (String from : Graph.dependencies(node.args().get(i))) {
                    edges.add(new Edge(from, node.id(), i));
                }
            }
            for (String from : node.after()) {
                edges.add(new Edge(from, node.id(), Edge.ORDER_ONLY));
            }
        }
    }

    static ArrayNode args(String json) {
        try {
            return (ArrayNode) Wire.mapper().readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new DispatchException("stored lattice arguments are malformed: " + json, e);
        }
    }
}
