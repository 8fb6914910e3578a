package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.GraphException;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.wire.Wire;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Collects the nodes created while a lattice's body runs; one per {@link Lattice#of} call, bound to its thread. */
final class GraphBuilder {

    private static final ThreadLocal<GraphBuilder> CURRENT = new ThreadLocal<>();

    private final String latticeName;
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Map<String, Executor> executors = new HashMap<>();
    private int nextId;

    private GraphBuilder(String latticeName) {
        this.latticeName = latticeName;
    }

    /** Runs {@code body} on {@code paramCount} parameter values and returns the lattice it built. */
    static <R> LatticeDef build(String name, int paramCount, Function<List<Value<?>>, Value<R>> body) {
        if (CURRENT.get() != null) {
            throw new WorkflowException("Lattice.of(" + name + ") called while building lattice " + CURRENT.get().latticeName
                    + "; build lattices one at a time");
        }
        GraphBuilder builder = new GraphBuilder(name);
        List<Value<?>> params = new ArrayList<>();
        for (int i = 0; i < paramCount; i++) {
            params.add(new Value<>(new ArgExpr.Param(i), builder, Object.class, null));
        }
        CURRENT.set(builder);
        Value<R> output;
        try {
            output = body.apply(params);
        } finally {
            CURRENT.remove();
        }
        if (output == null) {
            throw new WorkflowException("the body of lattice " + name + " returned null; return the Value of its last electron call");
        }
        builder.checkOwner(output, "its result");
        String canonical = Wire.mapper().getTypeFactory().constructType(output.type()).toCanonical();
        Graph graph;
        try {
            graph = new Graph(name, paramCount, builder.nodes, output.expr(), canonical);
        } catch (GraphException e) {
            // The user built this graph: report it in the API's own terms.
            throw new WorkflowException(e.getMessage(), e);
        }
        return new LatticeDef(graph, builder.methods, builder.executors);
    }

    /** Adds a call of {@code electron} on {@code args} to the lattice being built on this thread. */
    static <R> Value<R> call(Electron electron, Value<?>... args) {
        return current(electron.method().label()).add(electron, args, null);
    }

    /** Adds a map node: {@code electron} once per item of the list {@code items} (its first argument), at run time. */
    @SuppressWarnings("unchecked")
    static <R> Value<List<R>> map(Electron electron, Value<?> items, Value<?>... others) {
        GraphBuilder builder = current(electron.method().label());
        String label = electron.method().label();
        if (items == null) {
            throw new WorkflowException(label + ".map(null): pass the Value of a List, e.g. the result of an electron returning List<...>");
        }
        Type type = items.type();
        Class<?> raw = Wire.mapper().getTypeFactory().constructType(type).getRawClass();
        if (!List.class.isAssignableFrom(raw) && !raw.isArray() && raw != Object.class) {
            throw new WorkflowException(label + ".map(...): the value to map over is a " + type.getTypeName()
                    + ", not a list; map over the Value<List<...>> of an electron that returns a List");
        }
        Value<?>[] args = new Value<?>[others.length + 1];
        args[0] = items;
        System.arraycopy(others, 0, args, 1, others.length);
        return (Value<List<R>>) (Value<?>) builder.add(electron, args, 0);
    }

    /**
     * Inlines {@code lattice} called on {@code args}: its nodes join the lattice being built under ids
     * prefixed by this call's id and in group {@code lattice}'s name; its result is the returned value.
     */
    static <R> Value<R> inline(Lattice<R> lattice, Value<?>... args) {
        GraphBuilder builder = current("lattice " + lattice.name());
        return builder.addSublattice(lattice, args);
    }

    private static GraphBuilder current(String what) {
        GraphBuilder builder = CURRENT.get();
        if (builder == null) {
            throw new WorkflowException(what + " was called outside a lattice; call electrons inside Lattice.of(...)'s body");
        }
        return builder;
    }

    private <R> Value<R> addSublattice(Lattice<R> lattice, Value<?>[] args) {
        Graph inner = lattice.graph();
        List<ArgExpr> params = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new WorkflowException("argument " + (i + 1) + " of sublattice " + lattice.name() + " is null; pass Value.of(null) for a null constant");
            }
            checkOwner(args[i], "argument " + (i + 1) + " of sublattice " + lattice.name());
            params.add(args[i].expr());
        }
        String prefix = Integer.toString(nextId++) + ".";
        for (NodeSpec node : inner.nodes()) {
            String group = node.group() == null ? lattice.name() : lattice.name() + "/" + node.group();
            List<ArgExpr> remapped = node.args().stream().map(a -> remap(a, prefix, params)).toList();
            List<String> after = node.after().stream().map(a -> prefix + a).toList();
            nodes.add(node.inlined(prefix + node.id(), group, remapped, after));
            methods.put(prefix + node.id(), lattice.methods().get(node.id()));
        }
        executors.putAll(lattice.def().executors());
        Type type = Wire.mapper().getTypeFactory().constructFromCanonical(inner.outputType());
        return new Value<>(remap(inner.output(), prefix, params), this, type, null);
    }

    private static ArgExpr remap(ArgExpr expr, String prefix, List<ArgExpr> params) {
        if (expr instanceof ArgExpr.Param p) {
            return params.get(p.index());
        } else if (expr instanceof ArgExpr.NodeOutput out) {
            return new ArgExpr.NodeOutput(prefix + out.nodeId());
        } else if (expr instanceof ArgExpr.ListOf list) {
            return new ArgExpr.ListOf(list.items().stream().map(i -> remap(i, prefix, params)).toList());
        } else if (expr instanceof ArgExpr.Element element) {
            return new ArgExpr.Element(remap(element.list(), prefix, params), element.index());
        }
        return expr;
    }

    private <R> Value<R> add(Electron electron, Value<?>[] args, Integer mapArg) {
        ElectronMethod electronMethod = electron.method();
        ElectronOptions options = electron.options();
        Method method = electronMethod.method();
        String label = electronMethod.label();
        Type[] paramTypes = method.getGenericParameterTypes();
        for (int i = 0; i < paramTypes.length; i++) {
            String problem = TypeChecks.problem(paramTypes[i]);
            if (problem != null) {
                throw new WorkflowException(label + " parameter " + (i + 1) + " (" + method.getParameters()[i].getName()
                        + "): " + problem);
            }
        }
        Type returnType = method.getGenericReturnType();
        if (returnType != void.class) {
            String problem = TypeChecks.problem(returnType);
            if (problem != null) {
                throw new WorkflowException(label + " return type: " + problem);
            }
        }
        List<ArgExpr> exprs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Value<?> arg = args[i];
            if (arg == null) {
                throw new WorkflowException(label + " argument " + (i + 1) + " is null; pass Value.of(null) for a null constant");
            }
            checkOwner(arg, label + " argument " + (i + 1));
            if (arg.isConstant()) {
                Type expected = mapArg != null && mapArg == i ? new ListType(paramTypes[i]) : paramTypes[i];
                String problem = TypeChecks.valueProblem(arg.constant(), expected);
                if (problem != null) {
                    throw new WorkflowException(label + " argument " + (i + 1) + ": constant " + arg.constant()
                            + " does not survive the trip through JSON as " + expected.getTypeName() + ": " + problem);
                }
            }
            exprs.add(arg.expr());
        }
        String id = Integer.toString(nextId++);
        Type valueType = mapArg == null ? returnType : new ListType(returnType);
        String returnCanonical = Wire.mapper().getTypeFactory().constructType(returnType).toCanonical();
        nodes.add(options.node(id, electronMethod, returnCanonical, exprs, mapArg));
        methods.put(id, method);
        if (options.executor() != null) {
            executors.put(options.executor().name(), options.executor());
        }
        return new Value<>(new ArgExpr.NodeOutput(id), this, valueType, null);
    }

    /** Makes the node behind {@code value} wait for the nodes behind {@code others}; see {@link Value#after}. */
    static void after(Value<?> value, Value<?>[] others) {
        if (!(value.expr() instanceof ArgExpr.NodeOutput output)) {
            throw new WorkflowException("after(...) was called on " + value + ", which is not the result of an electron call; "
                    + "call it on the value an electron's call() returned");
        }
        GraphBuilder builder = value.owner();
        if (CURRENT.get() != builder) {
            throw new WorkflowException("after(...) on node " + output.nodeId() + " of lattice " + builder.latticeName
                    + " was called outside that lattice's body; call it inside Lattice.of(...)'s body");
        }
        // Ids are not positions once a sublattice is inlined ("2.0"), so look the node up.
        int index = builder.indexOf(output.nodeId());
        NodeSpec node = builder.nodes.get(index);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < others.length; i++) {
            Value<?> other = others[i];
            String what = "after(...) of " + node.label() + ", value " + (i + 1);
            if (other == null) {
                throw new WorkflowException(what + " is null; pass the values of electron calls that must finish first");
            }
            builder.checkOwner(other, what);
            java.util.Set<String> deps = Graph.dependencies(other.expr());
            if (deps.isEmpty()) {
                throw new WorkflowException(what + " (" + other + ") is a constant or a lattice argument, which is ready at once; "
                        + "pass the values of electron calls that must finish first");
            }
            if (deps.contains(node.id())) {
                throw new WorkflowException(what + " is the node itself; a node cannot run after itself");
            }
            ids.addAll(deps);
        }
        builder.nodes.set(index, node.withAfter(ids));
    }

    private int indexOf(String nodeId) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id().equals(nodeId)) {
                return i;
            }
        }
        throw new IllegalStateException("node " + nodeId + " is not in lattice " + latticeName);
    }

    private void checkOwner(Value<?> value, String what) {
        if (value.owner() != null && value.owner() != this) {
            throw new WorkflowException(what + " in lattice " + latticeName + " comes from another lattice; "
                    + "values cannot cross lattices");
        }
    }

    /** The element type of a {@code List<T>} parameter, or Object when it is not one. */
    static Type elementType(Type listType) {
        if (listType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }
}
