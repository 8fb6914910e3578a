package io.ecslattice.conformance;

import io.ecslattice.workflow.LatticeClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a row sees of the column it runs in: the client to dispatch through (its default executor is the column's),
 * how much the executor can afford, where electrons can leave markers the row can see, and the stored nodes.
 */
public interface Cell {

    /** The column's engine, as a user embedding one gets it: its own store, and the column's executor as the default. */
    LatticeClient client();

    /** The column's name, e.g. {@code in-process} or {@code ecs-task}. */
    String column();

    /** Items of the row's big run-time map: 1,000, or fewer where each item is a JVM or a container of its own. */
    int mapItems();

    /** How long one dispatch of a row may take on this executor. */
    Duration patience();

    /**
     * A fresh location for markers, unique to this call: {@code file:} on local executors, {@code s3://} of the
     * stack's bucket on ECS, so electrons in any process or container and the row in the test JVM see the same
     * {@link Markers}.
     */
    String scratch(String name);

    /** A local directory of this column for files the row gives the lattice ({@code FileRef} inputs). */
    Path localDir();

    /** Every node of dispatch {@code dispatchId}, in id order as stored. */
    List<NodeView> nodes(String dispatchId);

    /** The one node of electron {@code electronName} in dispatch {@code dispatchId}; fails when there is not exactly one. */
    default NodeView node(String dispatchId, String electronName) {
        List<NodeView> named = nodes(dispatchId).stream().filter(n -> n.name().equals(electronName)).toList();
        if (named.size() != 1) {
            throw new IllegalStateException("dispatch " + dispatchId + " has " + named.size() + " nodes of electron " + electronName
                    + ": " + nodes(dispatchId).stream().map(n -> n.id() + " " + n.name()).toList());
        }
        return named.get(0);
    }
}
