package io.ecslattice.workflow;

import java.util.List;

/**
 * An electron of 1 parameter: calling it inside a lattice adds a node. Its option setters come from
 * {@link ElectronOptions.Setters}.
 *
 * @param <A> parameter 1
 * @param <R> what it returns
 */
public final class Electron1<A, R> extends Electron implements ElectronOptions.Setters<Electron1<A, R>> {

    Electron1(ElectronMethod method, ElectronOptions options) {
        super(method, options);
    }

    @Override
    public Electron1<A, R> options(ElectronOptions options) {
        return new Electron1<>(method(), options);
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a) {
        return GraphBuilder.call(this, a);
    }

    /**
     * Adds a run-time fan-out: one call of this electron per item of {@code items}, a list whose length is
     * known only when the lattice runs (e.g. returned by an earlier electron). The items' calls are created
     * then, stored, and run at once; the result is their values, in the order of the items.
     */
    public Value<List<R>> map(Value<? extends List<A>> items) {
        return GraphBuilder.map(this, items);
    }
}
