package io.ecslattice.workflow;

import io.ecslattice.graph.ArgExpr;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.Wire;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A typed placeholder for a value inside a lattice: a lattice argument, an electron's future result, a
 * constant, or a list of values. Calling an electron on values adds a node to the lattice being built.
 *
 * @param <T> the type of the value it stands for
 */
public final class Value<T> {

    private final ArgExpr expr;
    private final GraphBuilder owner;
    private final Type type;
    private final Object constant;

    Value(ArgExpr expr, GraphBuilder owner, Type type, Object constant) {
        this.expr = expr;
        this.owner = owner;
        this.type = type;
        this.constant = constant;
    }

    /** A constant argument; checked at the call that uses it to survive the trip through JSON. */
    public static <T> Value<T> of(T constant) {
        JsonNode json;
        try {
            json = Wire.mapper().valueToTree(constant);
        } catch (IllegalArgumentException e) {
            throw new WorkflowException("constant " + constant + " cannot be written as JSON: " + e.getMessage(), e);
        }
        return new Value<>(new ArgExpr.Constant(json), null, constant == null ? Object.class : constant.getClass(), constant);
    }

    /** Fan-in: one value holding the values of {@code values} as a list, for an electron that takes {@code List<T>}. */
    public static <T> Value<List<T>> list(List<Value<T>> values) {
        List<ArgExpr> items = new ArrayList<>();
        GraphBuilder owner = null;
        for (Value<T> value : values) {
            items.add(value.expr);
            owner = owner == null ? value.owner : owner;
        }
        return new Value<>(new ArgExpr.ListOf(items), owner, List.class, null);
    }

    /** Fan-in of a few values; see {@link #list(List)}. */
    @SafeVarargs
    public static <T> Value<List<T>> listOf(Value<T>... values) {
        return list(Arrays.asList(values));
    }

    /**
     * Runs this value's electron call only after the calls behind {@code others} have completed, though it
     * takes nothing from them (Covalent's {@code ct.wait}). If one of them fails, this call does not run.
     * Returns this value, so {@code step.call(x).after(setup)} reads in order.
     */
    public Value<T> after(Value<?>... others) {
        GraphBuilder.after(this, others);
        return this;
    }

    ArgExpr expr() {
        return expr;
    }

    GraphBuilder owner() {
        return owner;
    }

    Type type() {
        return type;
    }

    boolean isConstant() {
        return expr instanceof ArgExpr.Constant;
    }

    Object constant() {
        return constant;
    }

    @Override
    public String toString() {
        return "Value(" + expr + ")";
    }
}
