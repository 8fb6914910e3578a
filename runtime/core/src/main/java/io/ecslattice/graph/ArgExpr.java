package io.ecslattice.graph;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Where one argument of a node comes from: a constant, a lattice parameter, another node's output, or a
 * list of those (fan-in), or one element of a list (an item of a run-time fan-out). Stored with the graph, so any process can rebuild a node's inputs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ArgExpr.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = ArgExpr.Param.class, name = "param"),
    @JsonSubTypes.Type(value = ArgExpr.NodeOutput.class, name = "node"),
    @JsonSubTypes.Type(value = ArgExpr.ListOf.class, name = "list"),
    @JsonSubTypes.Type(value = ArgExpr.Element.class, name = "element")})
public sealed interface ArgExpr {

    /** A value fixed when the lattice was built, as JSON. */
    record Constant(JsonNode value) implements ArgExpr {
        public Constant {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The lattice's argument number {@code index} (0-based). */
    record Param(int index) implements ArgExpr {
    }

    /** The value node {@code nodeId} returns. */
    record NodeOutput(String nodeId) implements ArgExpr {
        public NodeOutput {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** A JSON array of the items' values, in order. */
    record ListOf(List<ArgExpr> items) implements ArgExpr {
        public ListOf {
            items = List.copyOf(items);
        }
    }

    /** Element {@code index} of the JSON array {@code list} evaluates to: one item of a run-time fan-out. */
    record Element(ArgExpr list, int index) implements ArgExpr {
        public Element {
            Objects.requireNonNull(list, "list");
        }
    }
}
