package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import io.ecslattice.graph.Graph;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every lattice carries whatever its arity: the graph its body built, the electrons' methods by node id,
 * the executor instances given in code by name, its options, and the graph as those options make it run.
 */
record LatticeDef(Graph built, Map<String, Method> methods, Map<String, Executor> builtExecutors, LatticeOptions options,
                  Graph graph) {

    LatticeDef {
        methods = Map.copyOf(methods);
        builtExecutors = Map.copyOf(builtExecutors);
    }

    LatticeDef(Graph built, Map<String, Method> methods, Map<String, Executor> executors) {
        this(built, methods, executors, LatticeOptions.DEFAULTS, built);
    }

    /** This lattice with {@code next} in place of its options. */
    LatticeDef with(LatticeOptions next) {
        if (next == null) {
            throw new WorkflowException("options of lattice " + built.name() + " must not be null; start from LatticeOptions.DEFAULTS");
        }
        return new LatticeDef(built, methods, builtExecutors, next, next.applyTo(built));
    }

    /** The executor instances given in code, by name: the electrons' and the lattice's own. */
    Map<String, Executor> executors() {
        if (options.executor() == null) {
            return builtExecutors;
        }
        Map<String, Executor> all = new HashMap<>(builtExecutors);
        all.put(options.executor().name(), options.executor());
        return all;
    }

    /** The classes declaring the electrons: their class loaders give the classpath a task needs. */
    Set<Class<?>> electronClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        methods.values().forEach(m -> classes.add(m.getDeclaringClass()));
        return classes;
    }
}
