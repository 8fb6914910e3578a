package io.ecslattice.workflow;

/**
 * An electron of 0 parameters: calling it inside a lattice adds a node. Its option setters come from
 * {@link ElectronOptions.Setters}.
 *
 * @param <R> what it returns
 */
public final class Electron0<R> extends Electron implements ElectronOptions.Setters<Electron0<R>> {

    Electron0(ElectronMethod method, ElectronOptions options) {
        super(method, options);
    }

    @Override
    public Electron0<R> options(ElectronOptions options) {
        return new Electron0<>(method(), options);
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call() {
        return GraphBuilder.call(this);
    }
}
