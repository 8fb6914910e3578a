package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;

/**
 * A lattice of 5 arguments: {@code dispatch(a, b, c, d, e)} is checked by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <C> argument 3
 * @param <D> argument 4
 * @param <E> argument 5
 * @param <R> what it returns
 */
public final class Lattice5<A, B, C, D, E, R> extends Lattice<R> {

    Lattice5(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide {@link Dispatcher#shared()}; returns at once. */
    public Dispatch<R> dispatch(A a, B b, C c, D d, E e) {
        return start(Dispatcher.shared(), a, b, c, d, e);
    }

    /** Starts this lattice on {@code dispatcher}; returns at once. */
    public Dispatch<R> dispatch(Dispatcher dispatcher, A a, B b, C c, D d, E e) {
        return start(dispatcher, a, b, c, d, e);
    }

    /** This lattice with every electron that names no executor on the executor named {@code name}. */
    public Lattice5<A, B, C, D, E, R> executor(String name) {
        return new Lattice5<>(def().withExecutor(name));
    }

    /** This lattice with every electron that names no executor on {@code executor}. */
    public Lattice5<A, B, C, D, E, R> executor(Executor executor) {
        return new Lattice5<>(def().withExecutor(executor));
    }
}
