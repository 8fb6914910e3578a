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
                def.method().parameterTypeNames(), returnCanonical, def.executorName(), exprs));
        methods.put(id, method);
        if (def.executor() != null) {
            executors.put(def.executor().name(), def.executor());
        }
        return new Value<>(new ArgExpr.NodeOutput(id), this, returnType, null);
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
