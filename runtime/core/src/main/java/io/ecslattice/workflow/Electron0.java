package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;

/**
 * An electron of 0 parameters: calling it inside a lattice adds a node.
 *
 * @param <R> what it returns
 */
public final class Electron0<R> {

    private final ElectronDef def;

    Electron0(ElectronDef def) {
        this.def = def;
    }

    /** This electron on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
    public Electron0<R> executor(String name) {
        return new Electron0<>(def.withExecutor(name));
    }

    /** This electron on {@code executor}. */
    public Electron0<R> executor(Executor executor) {
        return new Electron0<>(def.withExecutor(executor));
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call() {
        return GraphBuilder.call(def);
    }

    @Override
    public String toString() {
        return def.toString();
    }
}
