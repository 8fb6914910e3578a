package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dispatch with its graph: what the UI draws and {@code status <id>} prints. Nodes come without their payloads, so
 * reading this every second is cheap also for 1,000 nodes.
 *
 * @param dispatch   the dispatch's status and progress
 * @param output     the lattice's value as JSON; null unless completed
 * @param outputType the value's Java type in Jackson's canonical form
 * @param nodes      its nodes in creation order
 * @param edges      data flowing between them
 */
public record DispatchGraph(DispatchInfo dispatch, JsonNode output, String outputType, List<NodeInfo> nodes, List<Edge> edges) {

    public DispatchGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * Node {@code to} takes node {@code from}'s output as (part of) its argument {@code argIndex} (0-based), or, when
     * {@code orderOnly}, runs after it without taking anything.
     */
    public record Edge(String from, String to, int argIndex, boolean orderOnly) {
    }

    /** The estimated Fargate cost of its nodes so far; empty when no node carries an estimate (the local executor). */
    public Optional<DispatchCost> cost() {
        Map<String, Map<String, String>> details = new LinkedHashMap<>();
        nodes.forEach(node -> details.put(node.id(), node.details()));
        return DispatchCost.of(details);
    }
}
