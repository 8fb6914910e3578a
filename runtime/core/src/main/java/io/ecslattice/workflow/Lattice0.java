package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;

/**
 * A lattice of 0 arguments: {@code dispatch()} is checked by the compiler.
 *
 * @param <R> what it returns
 */
public final class Lattice0<R> extends Lattice<R> {

    Lattice0(LatticeDef def) {
        super(def);
    }

    /** Starts this lattice on the process-wide {@link Dispatcher#shared()}; returns at once. */
    public Dispatch<R> dispatch() {
        return start(Dispatcher.shared());
    }

    /** Starts this lattice on {@code dispatcher}; returns at once. */
    public Dispatch<R> dispatch(Dispatcher dispatcher) {
        return start(dispatcher);
    }

    /** This lattice with every electron that names no executor on the executor named {@code name}. */
    public Lattice0<R> executor(String name) {
        return new Lattice0<>(def().withExecutor(name));
    }

    /** This lattice with every electron that names no executor on {@code executor}. */
    public Lattice0<R> executor(Executor executor) {
        return new Lattice0<>(def().withExecutor(executor));
    }
}
