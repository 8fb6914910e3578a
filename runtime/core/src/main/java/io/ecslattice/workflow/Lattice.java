package io.ecslattice.workflow;

import io.ecslattice.dispatch.DispatchRequest;
import io.ecslattice.graph.Graph;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * A workflow: a named graph of electron calls, built once by running its body on placeholder
 * {@link Value}s. {@code Lattice.of(name, body)} returns a {@link Lattice0} to {@link Lattice5} that keeps
 * the argument types, so {@code lattice.dispatch(a, b)} and, inside another lattice's body, the sublattice
 * call {@code lattice.call(a, b)} are checked by the compiler. Its option setters come from
 * {@link LatticeOptions.Setters}.
 *
 * @param <R> what the lattice returns
 */
public abstract sealed class Lattice<R> permits Lattice0, Lattice1, Lattice2, Lattice3, Lattice4, Lattice5 {

    private final LatticeDef def;

    Lattice(LatticeDef def) {
        this.def = def;
    }

    /** The lattice's name. */
    public String name() {
        return def.graph().name();
    }

    /** How this lattice runs. */
    public final LatticeOptions options() {
        return def.options();
    }

    /** This lattice with {@code options} in place of its own, of the same arity. */
    public abstract Lattice<R> options(LatticeOptions options);

    /** The graph as data, for the engine and this package's tests; not part of the API. */
    Graph graph() {
        return def.graph();
    }

    LatticeDef def() {
        return def;
    }

    /** The methods of the nodes, by node id. */
    Map<String, Method> methods() {
        return def.methods();
    }

    /** Checks {@code args} against the electrons they feed, then starts the dispatch through {@code client}. */
    Dispatch<R> start(LatticeClient client, Object... args) {
        Object[] values = args == null ? new Object[] {null} : args;
        var json = Arguments.toJson(this, values);
        String id = client.start(new DispatchRequest(def.graph(), json, def.executors(), List.copyOf(def.electronClasses())));
        return new Dispatch<>(client, id, null);
    }

    @Override
    public String toString() {
        return "Lattice(" + name() + ", " + def.graph().nodes().size() + " nodes)";
    }

    /** Builds lattice {@code name} of 0 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <R> Lattice0<R> of(String name, Body0<R> body) {
        return new Lattice0<>(GraphBuilder.build(name, 0, p -> body.build()));
    }

    /** Builds lattice {@code name} of 1 argument by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, R> Lattice1<A, R> of(String name, Body1<A, R> body) {
        return new Lattice1<>(GraphBuilder.build(name, 1, p -> body.build((Value<A>) p.get(0))));
    }

    /** Builds lattice {@code name} of 2 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, R> Lattice2<A, B, R> of(String name, Body2<A, B, R> body) {
        return new Lattice2<>(GraphBuilder.build(name, 2, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1))));
    }

    /** Builds lattice {@code name} of 3 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Lattice3<A, B, C, R> of(String name, Body3<A, B, C, R> body) {
        return new Lattice3<>(GraphBuilder.build(name, 3, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1), (Value<C>) p.get(2))));
    }

    /** Builds lattice {@code name} of 4 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Lattice4<A, B, C, D, R> of(String name, Body4<A, B, C, D, R> body) {
        return new Lattice4<>(GraphBuilder.build(name, 4, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1), (Value<C>) p.get(2), (Value<D>) p.get(3))));
    }

    /** Builds lattice {@code name} of 5 arguments by running {@code body} on placeholder values. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Lattice5<A, B, C, D, E, R> of(String name, Body5<A, B, C, D, E, R> body) {
        return new Lattice5<>(GraphBuilder.build(name, 5, p -> body.build((Value<A>) p.get(0), (Value<B>) p.get(1), (Value<C>) p.get(2), (Value<D>) p.get(3), (Value<E>) p.get(4))));
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
