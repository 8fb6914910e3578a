package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;

/**
 * A lattice of 3 arguments: {@code dispatch(a, b, c)} is checked by the compiler.
 *
 * @param <A> argument 1
 * @param <B> argument 2
 * @param <C> argument 3
 * @param <R> what it returns
 */
public final class Lattice3<A, B, C, R> extends Lattice<R> {

    Lattice3(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide {@link Dispatcher#shared()}; returns at once. */
    public Dispatch<R> dispatch(A a, B b, C c) {
        return start(Dispatcher.shared(), a, b, c);
    }

    /** Starts this lattice on {@code dispatcher}; returns at once. */
    public Dispatch<R> dispatch(Dispatcher dispatcher, A a, B b, C c) {
        return start(dispatcher, a, b, c);
    }

    /** This lattice with every electron that names no executor on the executor named {@code name}. */
    public Lattice3<A, B, C, R> executor(String name) {
        return new Lattice3<>(def().withExecutor(name));
    }

    /** This lattice with every electron that names no executor on {@code executor}. */
    public Lattice3<A, B, C, R> executor(Executor executor) {
        return new Lattice3<>(def().withExecutor(executor));
    }
}
