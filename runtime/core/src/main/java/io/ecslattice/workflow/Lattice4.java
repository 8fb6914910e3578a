package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;

/**
 * A lattice of 4 arguments: {@code dispatch(a, b, c, d)} is checked by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <C> argument 3
 * @param <D> argument 4
 * @param <R> what it returns
 */
public final class Lattice4<A, B, C, D, R> extends Lattice<R> {

    Lattice4(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide {@link Dispatcher#shared()}; returns at once. */
    public Dispatch<R> dispatch(A a, B b, C c, D d) {
        return start(Dispatcher.shared(), a, b, c, d);
    }

    /** Starts this lattice on {@code dispatcher}; returns at once. */
    public Dispatch<R> dispatch(Dispatcher dispatcher, A a, B b, C c, D d) {
        return start(dispatcher, a, b, c, d);
    }

    /** This lattice with every electron that names no executor on the executor named {@code name}. */
    public Lattice4<A, B, C, D, R> executor(String name) {
        return new Lattice4<>(def().withExecutor(name));
    }

    /** This lattice with every electron that names no executor on {@code executor}. */
    public Lattice4<A, B, C, D, R> executor(Executor executor) {
        return new Lattice4<>(def().withExecutor(executor));
    }
}
