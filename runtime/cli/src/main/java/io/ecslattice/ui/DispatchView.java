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
 * @param cost     the estimated Fargate cost of its nodes so far, e.g. "$0.00251 estimated Fargate cost (...)"; null
 *                 when no node has an estimate (the local executor)
 */
public record DispatchView(
        DispatchRow dispatch,
        List<NodeRow> nodes,
        List<EdgeView> edges,
        JsonNode result,
        ErrorView error,
        String cost) {

    public DispatchView {
        Objects.requireNonNull(dispatch, "dispatch");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
