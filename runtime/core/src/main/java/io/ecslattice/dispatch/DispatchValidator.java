package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.wire.FileRef;
import io.ecslattice.wire.Wire;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.workflow.WorkflowException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Checks a lattice's arguments before anything is recorded: the count, and that each argument survives
 * the trip through JSON as the type of every electron parameter it feeds.
 */
final class DispatchValidator {

    ArrayNode arguments(Lattice<?> lattice, Object[] args) {
        ArrayNode json = json(lattice.graph(), args);
        for (NodeSpec node : lattice.graph().nodes()) {
            Method method = lattice.methods().get(node.id());
            Type[] types = method.getGenericParameterTypes();
            for (int p = 0; p < node.args().size(); p++) {
                Type type = types[p];
                if (node.isMap() && node.mapArg() == p) {
                    notAList(lattice, node, node.args().get(p), args, json);
                    type = Wire.mapper().getTypeFactory().constructCollectionType(List.class,
                            Wire.mapper().getTypeFactory().constructType(type));
                }
                check(lattice, node, p, node.args().get(p), type, args, json);
            }
        }
        return json;
    }

    /** A lattice argument that a map node maps over must be a list: said before anything runs. */
    private static void notAList(Lattice<?> lattice, NodeSpec node, ArgExpr expr, Object[] args, ArrayNode json) {
        if (expr instanceof ArgExpr.Param param && !json.get(param.index()).isArray()) {
            throw new WorkflowException("argument " + (param.index() + 1) + " of lattice " + lattice.name() + " (" + args[param.index()]
                    + ") is mapped over by " + node.name() + ", which runs once per item of a list, but it is not a list; pass a List");
        }
    }

    /** {@code args} as JSON, checked for their count and that each can be written. */
    ArrayNode json(Graph graph, Object[] args) {
        int expected = graph.paramCount();
        if (args.length != expected) {
            throw new WorkflowException("lattice " + graph.name() + " takes " + expected + " argument(s) but dispatch got " + args.length);
        }
        ObjectMapper mapper = Wire.mapper();
        ArrayNode json = mapper.createArrayNode();
        for (int i = 0; i < args.length; i++) {
            try {
                json.add(mapper.valueToTree(args[i]));
            } catch (IllegalArgumentException e) {
                throw new WorkflowException("argument " + (i + 1) + " of lattice " + graph.name() + " (" + args[i]
                        + ") cannot be written as JSON: " + e.getMessage(), e);
            }
            String what = "argument " + (i + 1) + " of lattice " + graph.name();
            filesExist(json.get(i), what);
        }
        for (NodeSpec node : graph.nodes()) {
            for (int p = 0; p < node.args().size(); p++) {
                if (node.args().get(p) instanceof ArgExpr.Constant constant) {
                    filesExist(constant.value(), "constant argument " + (p + 1) + " of " + node.label() + " in lattice " + graph.name());
                }
            }
        }
        return json;
    }

    /** Every local file a value references must exist when it is dispatched, not only when an electron opens it. */
    private static void filesExist(JsonNode value, String what) {
        try {
            FileRef.forEach(value, ref -> ref.checkExists(what));
        } catch (IllegalArgumentException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    private void check(Lattice<?> lattice, NodeSpec node, int p, ArgExpr expr, Type type, Object[] args, ArrayNode json) {
        if (expr instanceof ArgExpr.Param param) {
            String problem = roundTrip(json.get(param.index()), type);
            if (problem != null) {
                throw new WorkflowException("argument " + (param.index() + 1) + " of lattice " + lattice.name() + " ("
                        + args[param.index()] + ") feeds parameter " + (p + 1) + " of " + node.name() + " but does not survive "
                        + "the trip through JSON as " + type.getTypeName() + ": " + problem);
            }
        } else if (expr instanceof ArgExpr.ListOf list) {
            Type element = type instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                    ? pt.getActualTypeArguments()[0] : Object.class;
            list.items().forEach(item -> check(lattice, node, p, item, element, args, json));
        }
    }

    private static String roundTrip(JsonNode written, Type type) {
        ObjectMapper mapper = Wire.mapper();
        try {
            Object read = mapper.treeToValue(written, mapper.getTypeFactory().constructType(type));
            JsonNode again = mapper.valueToTree(read);
            return written.equals(again) ? null : "it reads back as " + again + " instead of " + written;
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
