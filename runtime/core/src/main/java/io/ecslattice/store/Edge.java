package io.ecslattice.store;

/** Node {@code to} takes node {@code from}'s output as (part of) its argument {@code argIndex} (0-based). */
public record Edge(String from, String to, int argIndex) {
}
