package io.ecslattice.graph;

import java.util.List;
import java.util.Objects;

/**
 * One node of a lattice's graph: an electron call with its argument sources and how it is run. Graphs
 * stored before the fields after {@code args} existed read back with their defaults.
 *
 * @param id             unique within the graph ("0", "1", ... in call order)
 * @param name           the electron's method name, for people
 * @param className      binary name of the electron's class
 * @param methodName     the static method's name
 * @param parameterTypes erased binary names of the method's parameter types
 * @param returnType     the method's generic return type in Jackson's canonical form
 * @param executor       the executor's name; null until the dispatcher fills in the default
 * @param args           one source per parameter
 * @param after          ids of nodes that must complete first although no value passes (ordering edges)
 * @param retry          how failures are retried; null for no retries
 * @param timeoutMillis  how long one attempt may run before it is stopped; null for no limit
 * @param resources      what the electron asks of its machine beyond its executor's settings
 */
public record NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                       String returnType, String executor, List<ArgExpr> args, List<String> after, RetrySpec retry,
                       Long timeoutMillis, Resources resources) {

    public NodeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        parameterTypes = List.copyOf(parameterTypes);
        args = List.copyOf(args);
        after = after == null ? List.of() : List.copyOf(after);
        resources = resources == null ? Resources.NONE : resources;
        if (parameterTypes.size() != args.size()) {
            throw new GraphException("node " + id + " (" + name + ") takes " + parameterTypes.size()
                    + " arguments but was given " + args.size());
        }
        if (timeoutMillis != null && timeoutMillis <= 0) {
            throw new GraphException("node " + id + " (" + name + "): timeout of " + timeoutMillis
                    + " ms must be positive; give a Duration above zero, or no timeout");
        }
    }

    /** A node that runs once, without limits, ordering edges or resources of its own. */
    public NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                    String returnType, String executor, List<ArgExpr> args) {
        this(id, name, className, methodName, parameterTypes, returnType, executor, args, List.of(), null, null, Resources.NONE);
    }

    /** This node with executor {@code name}. */
    public NodeSpec withExecutor(String name) {
        return new NodeSpec(id, this.name, className, methodName, parameterTypes, returnType, name, args, after, retry,
                timeoutMillis, resources);
    }

    /** This node, also running after the nodes {@code ids}. */
    public NodeSpec withAfter(List<String> ids) {
        List<String> all = new java.util.ArrayList<>(after);
        ids.stream().filter(i -> !all.contains(i)).forEach(all::add);
        return new NodeSpec(id, name, className, methodName, parameterTypes, returnType, executor, args, all, retry,
                timeoutMillis, resources);
    }

    /** This node with a retry policy, timeout and resources. */
    public NodeSpec withRunPolicy(RetrySpec retry, Long timeoutMillis, Resources resources) {
        return new NodeSpec(id, name, className, methodName, parameterTypes, returnType, executor, args, after, retry,
                timeoutMillis, resources);
    }

    /** "1 (joinWords)" for messages. */
    public String label() {
        return id + " (" + name + ")";
    }
}
