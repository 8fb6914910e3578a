package io.ecslattice.workflow;

/**
 * A lattice of 2 arguments: {@code dispatch(a, b)} and the sublattice call {@code call(a, b)} are checked
 * by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <R> what it returns
 */
public final class Lattice2<A, B, R> extends Lattice<R> implements LatticeOptions.Setters<Lattice2<A, B, R>> {

    Lattice2(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide engine ({@link LatticeClient#shared()}); returns at once. */
    public Dispatch<R> dispatch(A a, B b) {
        return start(LatticeClient.shared(), a, b);
    }

    /** Starts this lattice through {@code client} (an engine of your own); returns at once. */
    public Dispatch<R> dispatch(LatticeClient client, A a, B b) {
        return start(client, a, b);
    }

    /**
     * Calls this lattice as a sublattice inside the lattice being built: its electrons join the outer
     * lattice (ids prefixed by this call's id, grouped under this lattice's name) and run as part of the
     * outer dispatch; the result is the sublattice's value.
     */
    public Value<R> call(Value<A> a, Value<B> b) {
        return GraphBuilder.inline(this, a, b);
    }

    @Override
    public Lattice2<A, B, R> options(LatticeOptions options) {
        return new Lattice2<>(def().with(options));
    }
}
