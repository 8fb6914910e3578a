package io.ecslattice.workflow;

/**
 * A lattice of 0 arguments: {@code dispatch()} and the sublattice call {@code call()} are checked
 * by the compiler.
 *
 * @param <R> what it returns
 */
public final class Lattice0<R> extends Lattice<R> implements LatticeOptions.Setters<Lattice0<R>> {

    Lattice0(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide engine ({@link LatticeClient#shared()}); returns at once. */
    public Dispatch<R> dispatch() {
        return start(LatticeClient.shared());
    }

    /** Starts this lattice through {@code client} (an engine of your own); returns at once. */
    public Dispatch<R> dispatch(LatticeClient client) {
        return start(client);
    }

    /**
     * Calls this lattice as a sublattice inside the lattice being built: its electrons join the outer
     * lattice (ids prefixed by this call's id, grouped under this lattice's name) and run as part of the
     * outer dispatch; the result is the sublattice's value.
     */
    public Value<R> call() {
        return GraphBuilder.inline(this);
    }

    @Override
    public Lattice0<R> options(LatticeOptions options) {
        return new Lattice0<>(def().with(options));
    }
}
