package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import io.ecslattice.graph.Graph;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every lattice carries whatever its arity: the graph, the electrons' methods by node id, and the
 * executor instances given in code by name.
 */
record LatticeDef(Graph graph, Map<String, Method> methods, Map<String, Executor> executors) {

    LatticeDef {
        methods = Map.copyOf(methods);
        executors = Map.copyOf(executors);
    }

    /** Electrons that name no executor run on {@code name}; the others keep theirs. */
    LatticeDef withExecutor(String name) {
        if (name == null || name.isBlank()) {
            throw new WorkflowException("executor name of lattice " + graph.name() + " must not be blank");
        }
        var nodes = graph.nodes().stream().map(n -> n.executor() == null ? n.withExecutor(name) : n).toList();
        return new LatticeDef(new Graph(graph.name(), graph.paramCount(), nodes, graph.output(), graph.outputType()), methods, executors);
    }

    /** Electrons that name no executor run on {@code executor}; the others keep theirs. */
    LatticeDef withExecutor(Executor executor) {
        Map<String, Executor> all = new HashMap<>(executors);
        all.put(executor.name(), executor);
        return new LatticeDef(withExecutor(executor.name()).graph(), methods, all);
    }

    /** The classes declaring the electrons: their class loaders give the classpath a task needs. */
    Set<Class<?>> electronClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        methods.values().forEach(m -> classes.add(m.getDeclaringClass()));
        return classes;
    }
}
