package io.ecslattice.workflow;

/**
 * A lattice of 5 arguments: {@code dispatch(a, b, c, d, e)} and the sublattice call {@code call(a, b, c, d, e)} are checked
 * by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <C> argument 3
 * @param <D> argument 4
 * @param <E> argument 5
 * @param <R> what it returns
 */
public final class Lattice5<A, B, C, D, E, R> extends Lattice<R> implements LatticeOptions.Setters<Lattice5<A, B, C, D, E, R>> {

    Lattice5(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide engine ({@link LatticeClient#shared()}); returns at once. */
    public Dispatch<R> dispatch(A a, B b, C c, D d, E e) {
        return start(LatticeClient.shared(), a, b, c, d, e);
    }

    /** Starts this lattice through {@code client} (an engine of your own); returns at once. */
    public Dispatch<R> dispatch(LatticeClient client, A a, B b, C c, D d, E e) {
        return start(client, a, b, c, d, e);
    }

    /**
     * Calls this lattice as a sublattice inside the lattice being built: its electrons join the outer
     * lattice (ids prefixed by this call's id, grouped under this lattice's name) and run as part of the
     * outer dispatch; the result is the sublattice's value.
     */
    public Value<R> call(Value<A> a, Value<B> b, Value<C> c, Value<D> d, Value<E> e) {
        return GraphBuilder.inline(this, a, b, c, d, e);
    }

    @Override
    public Lattice5<A, B, C, D, E, R> options(LatticeOptions options) {
        return new Lattice5<>(def().with(options));
    }
}
