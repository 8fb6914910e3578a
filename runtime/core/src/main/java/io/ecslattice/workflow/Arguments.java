package io.ecslattice.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.wire.FileRef;
import io.ecslattice.wire.Wire;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.graph.NodeSpec;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Checks a lattice's arguments before anything is recorded: the count, and that each argument survives
 * the trip through JSON as the type of every electron parameter it feeds.
 */
final class Arguments {

    private Arguments() {
    }

    static ArrayNode toJson(Lattice<?> lattice, Object[] args) {
        ObjectMapper mapper = Wire.mapper();
        ArrayNode json = mapper.createArrayNode();
        for (int i = 0; i < args.length; i++) {
            try {
                json.add(mapper.valueToTree(args[i]));
            } catch (IllegalArgumentException e) {
                throw new WorkflowException("argument " + (i + 1) + " of lattice " + lattice.name() + " (" + args[i]
                        + ") cannot be written as JSON: " + e.getMessage(), e);
            }
            filesExist(json.get(i), "argument " + (i + 1) + " of lattice " + lattice.name());
        }
        for (NodeSpec node : lattice.graph().nodes()) {
            Method method = lattice.methods().get(node.id());
            Type[] types = method.getGenericParameterTypes();
            for (int p = 0; p < node.args().size(); p++) {
                Type type = types[p];
                if (node.isMap() && node.mapArg() == p) {
                    notAList(lattice, node, node.args().get(p), args, json);
                    type = new ListType(type);
                }
                if (node.args().get(p) instanceof ArgExpr.Constant constant) {
                    filesExist(constant.value(), "constant argument " + (p + 1) + " of " + node.label() + " in lattice " + lattice.name());
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

    /** Every local file a value references must exist when it is dispatched, not only when an electron opens it. */
    static void filesExist(JsonNode value, String what) {
        try {
            FileRef.forEach(value, ref -> ref.checkExists(what));
        } catch (IllegalArgumentException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    private static void check(Lattice<?> lattice, NodeSpec node, int p, ArgExpr expr, Type type, Object[] args, ArrayNode json) {
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
