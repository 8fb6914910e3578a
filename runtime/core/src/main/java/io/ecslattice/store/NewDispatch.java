package io.ecslattice.store;

import java.time.Instant;
import java.util.List;

/**
 * A dispatch as first recorded, with its nodes and edges.
 *
 * @param id         the new dispatch's id
 * @param name       the lattice's name
 * @param createdAt  when it was dispatched
 * @param graphJson  the graph, as the workflow package serializes it
 * @param argsJson   the lattice's arguments as a JSON array
 * @param classpath  the electrons' classpath
 * @param outputType the lattice result's Java type in Jackson's canonical form
 * @param nodes      its nodes
 * @param edges      data flowing between nodes
 * @param redispatchOf the dispatch this one re-runs, reusing its results where code and inputs are unchanged; null otherwise
 */
public record NewDispatch(String id, String name, Instant createdAt, String graphJson, String argsJson,
                          List<String> classpath, String outputType, List<NewNode> nodes, List<Edge> edges,
                          String redispatchOf) {

    /**
     * A node as first recorded (status NEW).
     *
     * @param group  the sublattice it was inlined from; null at top level
     * @param parent the map node it is an item of; null otherwise
     */
    public record NewNode(String id, String name, String executor, String className, String methodName, String group,
                          String parent) {

        /** A top-level node that is no map item. */
        public NewNode(String id, String name, String executor, String className, String methodName) {
            this(id, name, executor, className, methodName, null, null);
        }
    }
}
