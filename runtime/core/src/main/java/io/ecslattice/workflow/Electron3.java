package io.ecslattice.workflow;

import java.util.List;

/**
 * An electron of 3 parameters: calling it inside a lattice adds a node. Its option setters come from
 * {@link ElectronOptions.Setters}.
 *
 * @param <A> parameter 1
 * @param <B> parameter 2
 * @param <C> parameter 3
 * @param <R> what it returns
 */
public final class Electron3<A, B, C, R> extends Electron implements ElectronOptions.Setters<Electron3<A, B, C, R>> {

    Electron3(ElectronMethod method, ElectronOptions options) {
        super(method, options);
    }

    @Override
    public Electron3<A, B, C, R> options(ElectronOptions options) {
        return new Electron3<>(method(), options);
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a, Value<B> b, Value<C> c) {
        return GraphBuilder.call(this, a, b, c);
    }

    /**
     * Adds a run-time fan-out over the first parameter: one call per item of {@code items} (a list whose
     * length is known only when the lattice runs), each with the same other arguments; the result is their
     * values in item order. See {@link Electron1#map}.
     */
    public Value<List<R>> map(Value<? extends List<A>> items, Value<B> b, Value<C> c) {
        return GraphBuilder.map(this, items, b, c);
    }
}
