package io.ecslattice.workflow;

/**
 * A lattice of 1 argument: {@code dispatch(a)} and the sublattice call {@code call(a)} are checked
 * by the compiler.
 *
 * @param <A> argument 1
 * @param <R> what it returns
 */
public final class Lattice1<A, R> extends Lattice<R> implements LatticeOptions.Setters<Lattice1<A, R>> {

    Lattice1(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide engine ({@link LatticeClient#shared()}); returns at once. */
    public Dispatch<R> dispatch(A a) {
        return start(LatticeClient.shared(), a);
    }

    /** Starts this lattice through {@code client} (an engine of your own); returns at once. */
    public Dispatch<R> dispatch(LatticeClient client, A a) {
        return start(client, a);
    }

    /**
     * Calls this lattice as a sublattice inside the lattice being built: its electrons join the outer
     * lattice (ids prefixed by this call's id, grouped under this lattice's name) and run as part of the
     * outer dispatch; the result is the sublattice's value.
     */
    public Value<R> call(Value<A> a) {
        return GraphBuilder.inline(this, a);
    }

    @Override
    public Lattice1<A, R> options(LatticeOptions options) {
        return new Lattice1<>(def().with(options));
    }
}
