package io.ecslattice.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A dispatch with its graph: what the dispatch page draws.
 *
 * @param dispatch the summary line
 * @param nodes    every node, in the store's order
 * @param edges    data flow between nodes
 * @param result   the lattice's value once it completed, else null
 * @param error    why it failed, naming the failed node, else null
 */
public record DispatchView(
        DispatchRow dispatch,
        List<NodeRow> nodes,
        List<EdgeView> edges,
        JsonNode result,
        ErrorView error) {

    public DispatchView {
        Objects.requireNonNull(dispatch, "dispatch");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
