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

    /** This electron retried by {@code policy}, e.g. {@code Retry.times(3).backoff(Backoff.fixed(ofSeconds(5)))}. */
    public Electron2<A, B, R> retries(Retry policy) {
        return new Electron2<>(def.withRetry(policy));
    }

    /** This electron stopped, and its attempt failed with a Timeout error, when one attempt runs longer than {@code limit}. */
    public Electron2<A, B, R> timeout(java.time.Duration limit) {
        return new Electron2<>(def.withTimeout(limit));
    }

    /** This electron on {@code vcpu} vCPUs instead of its executor's (ECS: with {@link #memory}, a Fargate pair). */
    public Electron2<A, B, R> vcpu(double vcpu) {
        return new Electron2<>(def.withVcpu(vcpu));
    }

    /** This electron with {@code gigabytes} GB of memory instead of its executor's (ECS: a Fargate pair with the vCPUs). */
    public Electron2<A, B, R> memory(double gigabytes) {
        return new Electron2<>(def.withMemory(gigabytes));
    }

    /** This electron on CPU architecture {@code X86_64} or {@code ARM64} instead of its executor's. */
    public Electron2<A, B, R> cpuArchitecture(String architecture) {
        return new Electron2<>(def.withCpuArchitecture(architecture));
    }

    /** This electron on Fargate Spot (true) or on-demand Fargate (false) instead of its executor's choice. */
    public Electron2<A, B, R> spot(boolean spot) {
        return new Electron2<>(def.withSpot(spot));
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
