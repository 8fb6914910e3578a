package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import java.time.Duration;

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

    /**
     * This electron with its results reused by any later dispatch that calls it with the same code and
     * inputs, for up to {@code expiry} after the run that produced them; they show as CACHED.
     */
    public Electron0<R> cache(Duration expiry) {
        return new Electron0<>(def.withCache(expiry));
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call() {
        return GraphBuilder.call(def);
    }

    ElectronDef def() {
        return def;
    }

    @Override
    public String toString() {
        return def.toString();
    }
}
