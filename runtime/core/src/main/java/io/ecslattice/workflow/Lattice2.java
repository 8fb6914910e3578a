package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;

/**
 * A lattice of 2 arguments: {@code dispatch(a, b)} is checked by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <R> what it returns
 */
public final class Lattice2<A, B, R> extends Lattice<R> {

    Lattice2(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide {@link Dispatcher#shared()}; returns at once. */
    public Dispatch<R> dispatch(A a, B b) {
        return start(Dispatcher.shared(), a, b);
    }

    /** Starts this lattice on {@code dispatcher}; returns at once. */
    public Dispatch<R> dispatch(Dispatcher dispatcher, A a, B b) {
        return start(dispatcher, a, b);
    }

    /** This lattice with every electron that names no executor on the executor named {@code name}. */
    public Lattice2<A, B, R> executor(String name) {
        return new Lattice2<>(def().withExecutor(name));
    }

    /** This lattice with every electron that names no executor on {@code executor}. */
    public Lattice2<A, B, R> executor(Executor executor) {
        return new Lattice2<>(def().withExecutor(executor));
    }
}
