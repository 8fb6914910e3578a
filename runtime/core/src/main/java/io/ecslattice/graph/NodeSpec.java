package io.ecslattice.graph;

import java.util.List;
import java.util.Objects;

/**
 * One node of a lattice's graph: an electron call with its argument sources.
 *
 * @param id             unique within the graph ("0", "1", ... in call order)
 * @param name           the electron's method name, for people
 * @param className      binary name of the electron's class
 * @param methodName     the static method's name
 * @param parameterTypes erased binary names of the method's parameter types
 * @param returnType     the method's generic return type in Jackson's canonical form
 * @param executor       the executor's name; null until the dispatcher fills in the default
 * @param args           one source per parameter
 */
public record NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                       String returnType, String executor, List<ArgExpr> args) {

    public NodeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        parameterTypes = List.copyOf(parameterTypes);
        args = List.copyOf(args);
        if (parameterTypes.size() != args.size()) {
            throw new GraphException("node " + id + " (" + name + ") takes " + parameterTypes.size()
                    + " arguments but was given " + args.size());
        }
    }

    /** This node with executor {@code name}. */
    public NodeSpec withExecutor(String name) {
        return new NodeSpec(id, this.name, className, methodName, parameterTypes, returnType, name, args);
    }

    /** "1 (joinWords)" for messages. */
    public String label() {
        return id + " (" + name + ")";
    }
}
