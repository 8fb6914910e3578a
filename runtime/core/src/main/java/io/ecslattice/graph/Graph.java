package io.ecslattice.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ecslattice.wire.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A lattice as data: nodes, their argument sources and the output. Validated on construction (unique
 * ids, known references, no cycles), serialized into the results store so any process can drive it.
 *
 * @param name       the lattice's name
 * @param paramCount how many arguments the lattice takes
 * @param nodes      the nodes, in call order
 * @param output     where the lattice's result comes from
 * @param outputType the result's Java type in Jackson's canonical form
 */
public record Graph(String name, int paramCount, List<NodeSpec> nodes, ArgExpr output, String outputType) {

    public Graph {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(output, "output");
        nodes = List.copyOf(nodes);
        validate(paramCount, nodes, output);
    }

    /** The node with {@code id}. */
    public NodeSpec node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new GraphException("lattice " + name + " has no node " + id));
    }

    /** The ids of the nodes that must complete before {@code node} runs: those it reads and those it runs after. */
    public static Set<String> dependencies(NodeSpec node) {
        Set<String> ids = new LinkedHashSet<>();
        node.args().forEach(arg -> collect(arg, ids));
        ids.addAll(node.after());
        return ids;
    }

    /** The ids of the nodes an expression reads. */
    public static Set<String> dependencies(ArgExpr expr) {
        Set<String> ids = new LinkedHashSet<>();
        collect(expr, ids);
        return ids;
    }

    /** The graph as JSON for the results store. */
    public String toJson() {
        try {
            return Wire.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new GraphException("cannot encode lattice " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads a graph written by {@link #toJson()}. */
    public static Graph fromJson(String json) {
        try {
            return Wire.mapper().readValue(json, Graph.class);
        } catch (JsonProcessingException e) {
            throw new GraphException("stored lattice graph is malformed: " + e.getMessage(), e);
        }
    }

    private static void collect(ArgExpr expr, Set<String> ids) {
        if (expr instanceof ArgExpr.NodeOutput out) {
            ids.add(out.nodeId());
        } else if (expr instanceof ArgExpr.ListOf list) {
            list.items().forEach(item -> collect(item, ids));
        } else if (expr instanceof ArgExpr.Element element) {
            collect(element.list(), ids);
        }
    }

    private static void validate(int paramCount, List<NodeSpec> nodes, ArgExpr output) {
        Map<String, NodeSpec> byId = new LinkedHashMap<>();
        for (NodeSpec node : nodes) {
            if (byId.put(node.id(), node) != null) {
                throw new GraphException("two nodes share id " + node.id());
            }
        }
        List<ArgExpr> all = new ArrayList<>();
        nodes.forEach(n -> all.addAll(n.args()));
        all.add(output);
        for (ArgExpr expr : all) {
            checkReferences(expr, paramCount, byId);
        }
        for (NodeSpec node : nodes) {
            for (String id : node.after()) {
                if (!byId.containsKey(id)) {
                    throw new GraphException("node " + node.label() + " runs after node " + id + ", which is not part of the lattice");
                }
            }
        }
        rejectCycles(byId);
    }

    private static void checkReferences(ArgExpr expr, int paramCount, Map<String, NodeSpec> byId) {
        if (expr instanceof ArgExpr.Param p && (p.index() < 0 || p.index() >= paramCount)) {
            throw new GraphException("argument " + p.index() + " is used but the lattice takes " + paramCount);
        }
        for (String id : dependencies(expr)) {
            if (!byId.containsKey(id)) {
                throw new GraphException("an argument reads node " + id + ", which is not part of the lattice");
            }
        }
    }

    /** Kahn's algorithm; what is left over lies on or behind a cycle, named in the message. */
    private static void rejectCycles(Map<String, NodeSpec> byId) {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (NodeSpec node : byId.values()) {
            Set<String> deps = dependencies(node);
            indegree.put(node.id(), deps.size());
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(node.id()));
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        int done = 0;
        while (!ready.isEmpty()) {
            String id = ready.poll();
            done++;
            for (String next : dependents.getOrDefault(id, List.of())) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (done < byId.size()) {
            String stuck = indegree.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> byId.get(e.getKey()).label()).sorted().collect(Collectors.joining(", "));
            throw new GraphException("the lattice has a cycle: nodes " + stuck + " wait on each other");
        }
    }
}
