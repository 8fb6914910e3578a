package io.ecslattice.store;

/**
 * Node {@code to} takes node {@code from}'s output as (part of) its argument {@code argIndex} (0-based), or,
 * with {@link #ORDER_ONLY}, runs after it without taking anything ({@code after(...)}).
 */
public record Edge(String from, String to, int argIndex) {

    /** The {@link #argIndex()} of an ordering edge. */
    public static final int ORDER_ONLY = -1;

    /** True for an ordering edge, through which no value passes. */
    public boolean orderOnly() {
        return argIndex == ORDER_ONLY;
    }
}
