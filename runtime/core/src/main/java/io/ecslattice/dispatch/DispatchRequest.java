package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.executor.Executor;
import io.ecslattice.graph.Graph;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine needs to start a dispatch, already checked by the API layer.
 *
 * @param graph           the lattice's graph; nodes without an executor get the dispatcher's default
 * @param args            the lattice's arguments as JSON, one element per parameter
 * @param executors       executor instances given in code (rather than by name), by name
 * @param electronClasses the classes declaring the electrons: their class loaders give the classpath a task needs
 */
public record DispatchRequest(Graph graph, ArrayNode args, Map<String, Executor> executors, List<Class<?>> electronClasses) {
    public DispatchRequest {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(args, "args");
        executors = Map.copyOf(executors);
        electronClasses = List.copyOf(electronClasses);
    }
}
