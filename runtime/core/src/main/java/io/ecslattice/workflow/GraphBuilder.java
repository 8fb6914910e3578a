package io.ecslattice.workflow;

import io.ecslattice.graph.ArgExpr;

import io.ecslattice.graph.NodeSpec;

import io.ecslattice.graph.Graph;
import io.ecslattice.graph.GraphException;

import io.ecslattice.executor.Executor;
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
        String canonical = io.ecslattice.wire.Wire.mapper().getTypeFactory().constructType(output.type()).toCanonical();
        Graph graph;
        try {
            graph = new Graph(name, paramCount, builder.nodes, output.expr(), canonical);
        } catch (GraphException e) {
            // The user built this graph: report it in the API's own terms.
            throw new WorkflowException(e.getMessage(), e);
        }
        return new LatticeDef(graph, builder.methods, builder.executors);
    }

    /** Adds a call of {@code def} on {@code args} to the lattice being built on this thread. */
    static <R> Value<R> call(ElectronDef def, Value<?>... args) {
        GraphBuilder builder = CURRENT.get();
        if (builder == null) {
            throw new WorkflowException(def.method().label() + " was called outside a lattice; call electrons inside Lattice.of(...)'s body");
        }
        return builder.add(def, args);
    }

    private <R> Value<R> add(ElectronDef def, Value<?>[] args) {
        Method method = def.method().method();
        String label = def.method().label();
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
                String problem = TypeChecks.valueProblem(arg.constant(), paramTypes[i]);
                if (problem != null) {
                    throw new WorkflowException(label + " argument " + (i + 1) + ": constant " + arg.constant()
                            + " does not survive the trip through JSON as " + paramTypes[i].getTypeName() + ": " + problem);
                }
            }
            exprs.add(arg.expr());
        }
        String id = Integer.toString(nodes.size());
        String returnCanonical = io.ecslattice.wire.Wire.mapper().getTypeFactory().constructType(returnType).toCanonical();
        nodes.add(new NodeSpec(id, def.method().name(), def.method().className(), def.method().name(),
                def.method().parameterTypeNames(), returnCanonical, def.executorName(), exprs, List.of(), def.retry(),
                def.timeout() == null ? null : def.timeout().toMillis(), def.resources()));
        methods.put(id, method);
        if (def.executor() != null) {
            executors.put(def.executor().name(), def.executor());
        }
        return new Value<>(new ArgExpr.NodeOutput(id), this, returnType, null);
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
        NodeSpec node = builder.nodes.get(Integer.parseInt(output.nodeId()));
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
        builder.nodes.set(Integer.parseInt(node.id()), node.withAfter(ids));
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
