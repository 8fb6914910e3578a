package io.ecslattice.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A dispatch with its graph: what the UI draws and {@code status <id>} prints.
 *
 * @param summary    the dispatch's row
 * @param output     the lattice's result value; null unless completed
 * @param outputType the result's Java type (canonical Jackson form), for reading {@code output} back
 * @param nodes      its nodes in creation order
 * @param edges      data flowing between them
 */
public record DispatchDetail(DispatchSummary summary, JsonNode output, String outputType,
                             List<NodeSummary> nodes, List<Edge> edges) {

    public DispatchDetail {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
