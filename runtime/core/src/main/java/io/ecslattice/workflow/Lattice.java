package io.ecslattice.workflow;

import io.ecslattice.graph.Graph;

import io.ecslattice.executor.Executor;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A workflow: a named graph of electron calls, built once by running its body on placeholder
 * {@link Value}s. Dispatch it with {@link Lattices#dispatch}.
 *
 * @param <R> what the lattice returns
 */
public final class Lattice<R> {

    private final Graph graph;
    private final Map<String, Method> methods;
    private final Map<String, Executor> executors;

    Lattice(Graph graph, Map<String, Method> methods, Map<String, Executor> executors) {
        this.graph = graph;
        this.methods = Map.copyOf(methods);
        this.executors = Map.copyOf(executors);
    }

    /** The lattice's name. */
    public String name() {
        return graph.name();
    }

    /** The graph as data. */
    public Graph graph() {
        return graph;
    }

    /** The methods of the nodes, by node id. */
    public Map<String, Method> methods() {
        return methods;
    }

    /** Executor instances given to electrons (rather than names), by executor name. */
    public Map<String, Executor> executors() {
        return executors;
    }

    /** The classes declaring the electrons: their class loaders give the classpath a task needs. */
    public Set<Class<?>> electronClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        methods.values().forEach(m -> classes.add(m.getDeclaringClass()));
        return classes;
    }

    /**
     * Calls this lattice as a sublattice inside the lattice being built: its electrons join the outer
     * lattice (ids prefixed by this call's id, grouped under this lattice's name) and run as part of the
     * outer dispatch. Takes one value per lattice argument, in order; returns the sublattice's result.
     */
    public Value<R> call(Value<?>... args) {
        return GraphBuilder.inline(this, args);
    }

    @Override
    public String toString() {
        return "Lattice(" + graph.name() + ", " + graph.nodes().size() + " nodes)";
    }

    /** Builds lattice {@code name} of 0 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <R> Lattice<R> of(String name, Body0<R> body) {
        return GraphBuilder.build(name, 0, p -> body.build());
    }

    /** Builds lattice {@code name} of 1 argument by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, R> Lattice<R> of(String name, Body1<A, R> body) {
        return GraphBuilder.build(name, 1, p -> body.build((Value<A>) p.get(0)));
    }

    /** Builds lattice {@code name} of 2 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, R> Lattice<R> of(String name, Body2<A, B, R> body) {
        return GraphBuilder.build(name, 2, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1)));
    }

    /** Builds lattice {@code name} of 3 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Lattice<R> of(String name, Body3<A, B, C, R> body) {
        return GraphBuilder.build(name, 3, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1), (Value<C>) p.get(2)));
    }

    /** Builds lattice {@code name} of 4 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Lattice<R> of(String name, Body4<A, B, C, D, R> body) {
        return GraphBuilder.build(name, 4, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1), (Value<C>) p.get(2), (Value<D>) p.get(3)));
    }

    /** Builds lattice {@code name} of 5 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Lattice<R> of(String name, Body5<A, B, C, D, E, R> body) {
        return GraphBuilder.build(name, 5, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1), (Value<C>) p.get(2), (Value<D>) p.get(3), (Value<E>) p.get(4)));
    }

    /** A lattice body of 0 arguments. */
    @FunctionalInterface
    public interface Body0<R> {
        Value<R> build();
    }

    /** A lattice body of 1 argument. */
    @FunctionalInterface
    public interface Body1<A, R> {
        Value<R> build(Value<A> a);
    }

    /** A lattice body of 2 arguments. */
    @FunctionalInterface
    public interface Body2<A, B, R> {
        Value<R> build(Value<A> a, Value<B> b);
    }

    /** A lattice body of 3 arguments. */
    @FunctionalInterface
    public interface Body3<A, B, C, R> {
        Value<R> build(Value<A> a, Value<B> b, Value<C> c);
    }

    /** A lattice body of 4 arguments. */
    @FunctionalInterface
    public interface Body4<A, B, C, D, R> {
        Value<R> build(Value<A> a, Value<B> b, Value<C> c, Value<D> d);
    }

    /** A lattice body of 5 arguments. */
    @FunctionalInterface
    public interface Body5<A, B, C, D, E, R> {
        Value<R> build(Value<A> a, Value<B> b, Value<C> c, Value<D> d, Value<E> e);
    }
}
