package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import java.time.Duration;
import java.util.List;

/**
 * An electron of 2 parameters: calling it inside a lattice adds a node.
 *
 * @param <A> parameter 1
 * @param <B> parameter 2
 * @param <R> what it returns
 */
public final class Electron2<A, B, R> {

    private final ElectronDef def;

    Electron2(ElectronDef def) {
        this.def = def;
    }

    /** This electron on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
    public Electron2<A, B, R> executor(String name) {
        return new Electron2<>(def.withExecutor(name));
    }

    /** This electron on {@code executor}. */
    public Electron2<A, B, R> executor(Executor executor) {
        return new Electron2<>(def.withExecutor(executor));
    }

    /**
     * This electron with its results reused by any later dispatch that calls it with the same code and
     * inputs, for up to {@code expiry} after the run that produced them; they show as CACHED.
     */
    public Electron2<A, B, R> cache(Duration expiry) {
        return new Electron2<>(def.withCache(expiry));
    }

    /**
     * Adds a run-time fan-out over the first parameter: one call per item of {@code items} (a list whose
     * length is known only when the lattice runs), each with the same {@code b}; the result is their
     * values in item order. See {@link Electron1#map}.
     */
    public Value<List<R>> map(Value<? extends List<A>> items, Value<B> b) {
        return GraphBuilder.map(def, 0, items, b);
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a, Value<B> b) {
        return GraphBuilder.call(def, a, b);
    }

    ElectronDef def() {
        return def;
    }

    @Override
    public String toString() {
        return def.toString();
    }
}
