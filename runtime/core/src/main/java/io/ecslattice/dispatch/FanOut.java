package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.store.Edge;
import io.ecslattice.store.NewDispatch;
import io.ecslattice.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of one map node, made at run time once its list is known: one {@link NodeRun} per element, all ready
 * at once (the map node's inputs were), and a count of those still without a value. The map node's value is
 * theirs, in order. Not thread-safe: used under its {@link DispatchRun}'s lock.
 */
final class FanOut {

    private final NodeRun map;
    private final List<NodeRun> items;
    private int left;

    /** Makes {@code count} items of {@code map} and gives them to it. */
    FanOut(NodeRun map, int count, NodeRun.Listener listener) {
        this.map = map;
        List<NodeRun> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(new NodeRun(map.spec().item(i), this, listener));
        }
        this.items = List.copyOf(made);
        this.left = count;
        map.expandedInto(this);
    }

    NodeRun map() {
        return map;
    }

    List<NodeRun> items() {
        return items;
    }

    /** One item has its value (run or reused); true when it was the last. */
    boolean itemHasValue() {
        return --left == 0;
    }

    /** True when every item has its value (at once for an empty list). */
    boolean allHaveValues() {
        return left == 0;
    }

    /** The map node's value: its items' values in list order. */
    ArrayNode values() {
        ArrayNode values = Wire.mapper().createArrayNode();
        items.forEach(item -> values.add(item.output()));
        return values;
    }

    /**
     * The store's rows for the items: each a node under the map node, reading what the map node reads, and an edge
     * from each item to the map node (its value is part of the map node's).
     */
    void rows(List<NewDispatch.NewNode> rows, List<Edge> edges) {
        DispatchRecords.rows(items.stream().map(NodeRun::spec).toList(), map.id(), rows, edges);
        items.forEach(item -> edges.add(new Edge(item.id(), map.id(), map.spec().mapArg())));
    }
}
