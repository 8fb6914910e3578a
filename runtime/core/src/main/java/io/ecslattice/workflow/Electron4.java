package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import java.time.Duration;

/**
 * An electron of 4 parameters: calling it inside a lattice adds a node.
 *
 * @param <A> parameter 1
 * @param <B> parameter 2
 * @param <C> parameter 3
 * @param <D> parameter 4
 * @param <R> what it returns
 */
public final class Electron4<A, B, C, D, R> {

    private final ElectronDef def;

    Electron4(ElectronDef def) {
        this.def = def;
    }

    /** This electron on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
    public Electron4<A, B, C, D, R> executor(String name) {
        return new Electron4<>(def.withExecutor(name));
    }

    /** This electron on {@code executor}. */
    public Electron4<A, B, C, D, R> executor(Executor executor) {
        return new Electron4<>(def.withExecutor(executor));
    }

    /**
     * This electron with its results reused by any later dispatch that calls it with the same code and
     * inputs, for up to {@code expiry} after the run that produced them; they show as CACHED.
     */
    public Electron4<A, B, C, D, R> cache(Duration expiry) {
        return new Electron4<>(def.withCache(expiry));
    }

    /** This electron retried by {@code policy}, e.g. {@code Retry.times(3).backoff(Backoff.fixed(ofSeconds(5)))}. */
    public Electron4<A, B, C, D, R> retries(Retry policy) {
        return new Electron4<>(def.withRetry(policy));
    }

    /** This electron stopped, and its attempt failed with a Timeout error, when one attempt runs longer than {@code limit}. */
    public Electron4<A, B, C, D, R> timeout(java.time.Duration limit) {
        return new Electron4<>(def.withTimeout(limit));
    }

    /** This electron on {@code vcpu} vCPUs instead of its executor's (ECS: with {@link #memory}, a Fargate pair). */
    public Electron4<A, B, C, D, R> vcpu(double vcpu) {
        return new Electron4<>(def.withVcpu(vcpu));
    }

    /** This electron with {@code gigabytes} GB of memory instead of its executor's (ECS: a Fargate pair with the vCPUs). */
    public Electron4<A, B, C, D, R> memory(double gigabytes) {
        return new Electron4<>(def.withMemory(gigabytes));
    }

    /** This electron on CPU architecture {@code X86_64} or {@code ARM64} instead of its executor's. */
    public Electron4<A, B, C, D, R> cpuArchitecture(String architecture) {
        return new Electron4<>(def.withCpuArchitecture(architecture));
    }

    /** This electron on Fargate Spot (true) or on-demand Fargate (false) instead of its executor's choice. */
    public Electron4<A, B, C, D, R> spot(boolean spot) {
        return new Electron4<>(def.withSpot(spot));
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a, Value<B> b, Value<C> c, Value<D> d) {
        return GraphBuilder.call(def, a, b, c, d);
    }

    @Override
    public String toString() {
        return def.toString();
    }
}
