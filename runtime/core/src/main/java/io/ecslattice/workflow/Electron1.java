package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;

/**
 * An electron of 1 parameter: calling it inside a lattice adds a node.
 *
 * @param <A> parameter 1
 * @param <R> what it returns
 */
public final class Electron1<A, R> {

    private final ElectronDef def;

    Electron1(ElectronDef def) {
        this.def = def;
    }

    /** This electron on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
    public Electron1<A, R> executor(String name) {
        return new Electron1<>(def.withExecutor(name));
    }

    /** This electron on {@code executor}. */
    public Electron1<A, R> executor(Executor executor) {
        return new Electron1<>(def.withExecutor(executor));
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a) {
        return GraphBuilder.call(def, a);
    }

    @Override
    public String toString() {
        return def.toString();
    }
}
