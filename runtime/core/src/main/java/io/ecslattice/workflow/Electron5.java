package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import java.time.Duration;

/**
 * An electron of 5 parameters: calling it inside a lattice adds a node.
 *
 * @param <A> parameter 1
 * @param <B> parameter 2
 * @param <C> parameter 3
 * @param <D> parameter 4
 * @param <E> parameter 5
 * @param <R> what it returns
 */
public final class Electron5<A, B, C, D, E, R> {

    private final ElectronDef def;

    Electron5(ElectronDef def) {
        this.def = def;
    }

    /** This electron on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
    public Electron5<A, B, C, D, E, R> executor(String name) {
        return new Electron5<>(def.withExecutor(name));
    }

    /** This electron on {@code executor}. */
    public Electron5<A, B, C, D, E, R> executor(Executor executor) {
        return new Electron5<>(def.withExecutor(executor));
    }

    /**
     * This electron with its results reused by any later dispatch that calls it with the same code and
     * inputs, for up to {@code expiry} after the run that produced them; they show as CACHED.
     */
    public Electron5<A, B, C, D, E, R> cache(Duration expiry) {
        return new Electron5<>(def.withCache(expiry));
    }

    /** This electron retried by {@code policy}, e.g. {@code Retry.times(3).backoff(Backoff.fixed(ofSeconds(5)))}. */
    public Electron5<A, B, C, D, E, R> retries(Retry policy) {
        return new Electron5<>(def.withRetry(policy));
    }

    /** This electron stopped, and its attempt failed with a Timeout error, when one attempt runs longer than {@code limit}. */
    public Electron5<A, B, C, D, E, R> timeout(java.time.Duration limit) {
        return new Electron5<>(def.withTimeout(limit));
    }

    /** This electron on {@code vcpu} vCPUs instead of its executor's (ECS: with {@link #memory}, a Fargate pair). */
    public Electron5<A, B, C, D, E, R> vcpu(double vcpu) {
        return new Electron5<>(def.withVcpu(vcpu));
    }

    /** This electron with {@code gigabytes} GB of memory instead of its executor's (ECS: a Fargate pair with the vCPUs). */
    public Electron5<A, B, C, D, E, R> memory(double gigabytes) {
        return new Electron5<>(def.withMemory(gigabytes));
    }

    /** This electron on CPU architecture {@code X86_64} or {@code ARM64} instead of its executor's. */
    public Electron5<A, B, C, D, E, R> cpuArchitecture(String architecture) {
        return new Electron5<>(def.withCpuArchitecture(architecture));
    }

    /** This electron on Fargate Spot (true) or on-demand Fargate (false) instead of its executor's choice. */
    public Electron5<A, B, C, D, E, R> spot(boolean spot) {
        return new Electron5<>(def.withSpot(spot));
    }

    /** Adds a call of this electron to the lattice being built; its result is a value for later calls. */
    public Value<R> call(Value<A> a, Value<B> b, Value<C> c, Value<D> d, Value<E> e) {
        return GraphBuilder.call(def, a, b, c, d, e);
    }

    @Override
    public String toString() {
        return def.toString();
    }
}
