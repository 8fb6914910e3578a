package io.ecslattice.workflow;

/**
 * A lattice of 4 arguments: {@code dispatch(a, b, c, d)} and the sublattice call {@code call(a, b, c, d)} are checked
 * by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <C> argument 3
 * @param <D> argument 4
 * @param <R> what it returns
 */
public final class Lattice4<A, B, C, D, R> extends Lattice<R> implements LatticeOptions.Setters<Lattice4<A, B, C, D, R>> {

    Lattice4(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide engine ({@link LatticeClient#shared()}); returns at once. */
    public Dispatch<R> dispatch(A a, B b, C c, D d) {
        return start(LatticeClient.shared(), a, b, c, d);
    }

    /** Starts this lattice through {@code client} (an engine of your own); returns at once. */
    public Dispatch<R> dispatch(LatticeClient client, A a, B b, C c, D d) {
        return start(client, a, b, c, d);
    }

    /**
     * Calls this lattice as a sublattice inside the lattice being built: its electrons join the outer
     * lattice (ids prefixed by this call's id, grouped under this lattice's name) and run as part of the
     * outer dispatch; the result is the sublattice's value.
     */
    public Value<R> call(Value<A> a, Value<B> b, Value<C> c, Value<D> d) {
        return GraphBuilder.inline(this, a, b, c, d);
    }

    @Override
    public Lattice4<A, B, C, D, R> options(LatticeOptions options) {
        return new Lattice4<>(def().with(options));
    }
}
