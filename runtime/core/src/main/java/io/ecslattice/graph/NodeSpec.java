package io.ecslattice.graph;

import java.util.List;
import java.util.Objects;

/**
 * One node of a lattice's graph: an electron call with its argument sources and how it is run. Graphs
 * stored before the fields after {@code args} existed read back with their defaults: no ordering edges,
 * retries, timeout or resources; and for the last four null, which means what it always meant (a plain
 * call, no cross-dispatch cache, top level, code identity unknown so never reused).
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
 * @param after          ids of nodes that must complete first although no value passes (ordering edges)
 * @param retry          how failures are retried; null for no retries
 * @param timeoutMillis  how long one attempt may run before it is stopped; null for no limit
 * @param resources      what the electron asks of its machine beyond its executor's settings
 * @param codeHash       the electron's code identity (see the dispatcher's CodeHash); null until dispatch
 * @param cacheSeconds   reuse a result of the same code and inputs from any dispatch up to this old; null: only on redispatch
 * @param group          the sublattice the node was inlined from ("inner", "outer/inner"); null at top level
 * @param mapArg         for a map node, the index of the argument whose list it runs over, one call per
 *                       item, at run time; null for a plain call
 */
public record NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                       String returnType, String executor, List<ArgExpr> args, List<String> after, RetrySpec retry,
                       Long timeoutMillis, Resources resources, String codeHash, Long cacheSeconds, String group,
                       Integer mapArg) {

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
        if (mapArg != null && (mapArg < 0 || mapArg >= args.size())) {
            throw new GraphException("node " + id + " (" + name + ") maps over argument " + mapArg + " but takes " + args.size());
        }
    }

    /** A plain call at top level that runs once, without limits, ordering edges, resources or caching. */
    public NodeSpec(String id, String name, String className, String methodName, List<String> parameterTypes,
                    String returnType, String executor, List<ArgExpr> args) {
        this(id, name, className, methodName, parameterTypes, returnType, executor, args, List.of(), null, null,
                Resources.NONE, null, null, null, null);
    }

    /** This node with executor {@code name}. */
    public NodeSpec withExecutor(String name) {
        return new NodeSpec(id, this.name, className, methodName, parameterTypes, returnType, name, args, after, retry,
                timeoutMillis, resources, codeHash, cacheSeconds, group, mapArg);
    }

    /** This node, also running after the nodes {@code ids}. */
    public NodeSpec withAfter(List<String> ids) {
        List<String> all = new java.util.ArrayList<>(after);
        ids.stream().filter(i -> !all.contains(i)).forEach(all::add);
        return new NodeSpec(id, name, className, methodName, parameterTypes, returnType, executor, args, all, retry,
                timeoutMillis, resources, codeHash, cacheSeconds, group, mapArg);
    }

    /** This node with a retry policy, timeout and resources. */
    public NodeSpec withRunPolicy(RetrySpec retry, Long timeoutMillis, Resources resources) {
        return new NodeSpec(id, name, className, methodName, parameterTypes, returnType, executor, args, after, retry,
                timeoutMillis, resources, codeHash, cacheSeconds, group, mapArg);
    }

    /** This node with code identity {@code hash}. */
    public NodeSpec withCodeHash(String hash) {
        return new NodeSpec(id, name, className, methodName, parameterTypes, returnType, executor, args, after, retry,
                timeoutMillis, resources, hash, cacheSeconds, group, mapArg);
    }

    /**
     * This node under id {@code newId} in sublattice {@code newGroup}, reading {@code newArgs} and running
     * after {@code newAfter} (its ordering edges under the new ids).
     */
    public NodeSpec inlined(String newId, String newGroup, List<ArgExpr> newArgs, List<String> newAfter) {
        return new NodeSpec(newId, name, className, methodName, parameterTypes, returnType, executor, newArgs, newAfter,
                retry, timeoutMillis, resources, codeHash, cacheSeconds, newGroup, mapArg);
    }

    /** Item {@code index} of this map node: the same electron on one element of the mapped list. */
    public NodeSpec item(int index) {
        List<ArgExpr> itemArgs = new java.util.ArrayList<>(args);
        itemArgs.set(mapArg, new ArgExpr.Element(args.get(mapArg), index));
        return new NodeSpec(itemId(id, index), name, className, methodName, parameterTypes, returnType, executor, itemArgs,
                after, retry, timeoutMillis, resources, codeHash, cacheSeconds, group, null);
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
