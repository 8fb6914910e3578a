package io.ecslattice.graph;

import java.util.List;
import java.util.Objects;

/**
 * One node of a lattice's graph: an electron call with its argument sources. The last four fields came
 * later; a graph stored before them reads them as null, which means what it always meant (a plain call,
 * no cross-dispatch cache, top level, code identity unknown so never reused).
 *
 * @param id             unique within the graph ("0", "1", ... in call order; "2.0" for node 0 of the
 *                       sublattice called as node 2; "3[0]" for item 0 of map node 3)
 * @param name           the electron's method name, for people
 * @param className      binary name of the electron's class
 * @param methodName     the static method's name
 * @param parameterTypes erased binary names of the method's parameter types
 * @param returnType     the method's generic return type in Jackson's canonical form
 * @param executor       the executor's name; null until the dispatcher fills in the default
 * @param args           one source per parameter
 * @param codeHash       the electron's code identity (see the dispatcher's CodeHash); null until dispatch
 * @param cacheSeconds   reuse a result of the same code and inputs from any dispatch up to this old; null: only on redispatch
 * @param group          the sublattice the node was inlined from ("inner", "outer/inner"); null at top level
 * @param mapArg         for a map node, the index of the argument whose list it runs over, one call per
 *                       item, at run time; null for a plain call
 */
public record NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                       String returnType, String executor, List<ArgExpr> args, String codeHash, Long cacheSeconds,
                       String group, Integer mapArg) {

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
        if (mapArg != null && (mapArg < 0 || mapArg >= args.size())) {
            throw new GraphException("node " + id + " (" + name + ") maps over argument " + mapArg + " but takes " + args.size());
        }
    }

    /** A plain call at top level, as graphs were before caching, sublattices and maps. */
    public NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                    String returnType, String executor, List<ArgExpr> args) {
        this(id, name, className, methodName, parameterTypes, returnType, executor, args, null, null, null, null);
    }

    /** This node with executor {@code name}. */
    public NodeSpec withExecutor(String name) {
        return new NodeSpec(id, this.name, className, methodName, parameterTypes, returnType, name, args, codeHash,
                cacheSeconds, group, mapArg);
    }

    /** This node with code identity {@code hash}. */
    public NodeSpec withCodeHash(String hash) {
        return new NodeSpec(id, name, className, methodName, parameterTypes, returnType, executor, args, hash,
                cacheSeconds, group, mapArg);
    }

    /** This node under id {@code newId} in sublattice {@code newGroup}, reading {@code newArgs}. */
    public NodeSpec inlined(String newId, String newGroup, List<ArgExpr> newArgs) {
        return new NodeSpec(newId, name, className, methodName, parameterTypes, returnType, executor, newArgs, codeHash,
                cacheSeconds, newGroup, mapArg);
    }

    /** Item {@code index} of this map node: the same electron on one element of the mapped list. */
    public NodeSpec item(int index) {
        List<ArgExpr> itemArgs = new java.util.ArrayList<>(args);
        itemArgs.set(mapArg, new ArgExpr.Element(args.get(mapArg), index));
        return new NodeSpec(itemId(id, index), name, className, methodName, parameterTypes, returnType, executor, itemArgs,
                codeHash, cacheSeconds, group, null);
    }

    /** True for a node that runs its electron once per item of a list known only at run time. */
    public boolean isMap() {
        return mapArg != null;
    }

    /** The id of item {@code index} of map node {@code mapId}. */
    public static String itemId(String mapId, int index) {
        return mapId + "[" + index + "]";
    }

    /** "1 (joinWords)" for messages. */
    public String label() {
        return id + " (" + name + ")";
    }
}
