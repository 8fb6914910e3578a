package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;

/**
 * A lattice of 1 argument: {@code dispatch(a)} is checked by the compiler.
 *
 * @param <A> argument 1
 * @param <R> what it returns
 */
public final class Lattice1<A, R> extends Lattice<R> {

    Lattice1(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide {@link Dispatcher#shared()}; returns at once. */
    public Dispatch<R> dispatch(A a) {
        return start(Dispatcher.shared(), a);
    }

    /** Starts this lattice on {@code dispatcher}; returns at once. */
    public Dispatch<R> dispatch(Dispatcher dispatcher, A a) {
        return start(dispatcher, a);
    }

    /** This lattice with every electron that names no executor on the executor named {@code name}. */
    public Lattice1<A, R> executor(String name) {
        return new Lattice1<>(def().withExecutor(name));
    }

    /** This lattice with every electron that names no executor on {@code executor}. */
    public Lattice1<A, R> executor(Executor executor) {
        return new Lattice1<>(def().withExecutor(executor));
    }
}
