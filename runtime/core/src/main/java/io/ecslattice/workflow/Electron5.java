package io.ecslattice.workflow;

import java.util.List;

/**
 * An electron of 5 parameters: calling it inside a lattice adds a node. Its option setters come from
 * {@link ElectronOptions.Setters}.
 *
 * @param <A> parameter 1
 * @param <B> parameter 2
 * @param <C> parameter 3
 * @param <D> parameter 4
 * @param <E> parameter 5
 * @param <R> what it returns
 */
public final class Electron5<A, B, C, D, E, R> extends Electron implements ElectronOptions.Setters<Electron5<A, B, C, D, E, R>> {

    Electron5(ElectronMethod method, ElectronOptions options) {
        super(method, options);
    }

    @Override
    public Electron5<A, B, C, D, E, R> options(ElectronOptions options) {
        return new Electron5<>(method(), options);
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a, Value<B> b, Value<C> c, Value<D> d, Value<E> e) {
        return GraphBuilder.call(this, a, b, c, d, e);
    }

    /**
     * Adds a run-time fan-out over the first parameter: one call per item of {@code items} (a list whose
     * length is known only when the lattice runs), each with the same other arguments; the result is their
     * values in item order. See {@link Electron1#map}.
     */
    public Value<List<R>> map(Value<? extends List<A>> items, Value<B> b, Value<C> c, Value<D> d, Value<E> e) {
        return GraphBuilder.map(this, items, b, c, d, e);
    }
}
