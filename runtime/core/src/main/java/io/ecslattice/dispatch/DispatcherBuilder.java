package io.ecslattice.dispatch;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.store.ResultsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link Dispatcher} for embedding: give it a store, an executor registry, a clock and settings,
 * or leave any of them unset to take them from the environment and the config file, as
 * {@link Dispatcher#shared()} does. The dispatcher owns what it is given and closes it.
 */
public final class DispatcherBuilder {

    private ResultsStore store;
    private ExecutorRegistry executors;
    private Clock clock = Clock.systemUTC();
    private ResolvedSettings settings;
    private Duration leaseTtl;
    private String defaultExecutor;

    DispatcherBuilder() {
    }

    /** The results store to record dispatches in; default: {@code results_db} of the runtime settings. */
    public DispatcherBuilder store(ResultsStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** The executors electrons name; default: the executor types on the class path, configured by the config file. */
    public DispatcherBuilder executors(ExecutorRegistry executors) {
        this.executors = Objects.requireNonNull(executors, "executors");
        return this;
    }

    /** The clock leases are measured with; default: the system clock (UTC). */
    public DispatcherBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Resolved {@code [runtime]} settings; default: {@link RuntimeSettings#resolve()}. */
    public DispatcherBuilder settings(ResolvedSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** How long this process's lease on a dispatch lasts without renewal; overrides {@code lease_seconds}. */
    public DispatcherBuilder leaseTtl(Duration leaseTtl) {
        if (leaseTtl == null || leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new DispatchException("leaseTtl=" + leaseTtl + " must be a positive duration");
        }
        this.leaseTtl = leaseTtl;
        return this;
    }

    /** The executor of electrons (and lattices) that name none; overrides {@code default_executor}. */
    public DispatcherBuilder defaultExecutor(String name) {
        if (name == null || name.isBlank()) {
            throw new DispatchException("defaultExecutor must name an executor, e.g. local or ecs; got '" + name + "'");
        }
        this.defaultExecutor = name;
        return this;
    }

    /** The dispatcher; settings not given are resolved now. */
    public Dispatcher build() {
        boolean needsSettings = store == null || leaseTtl == null || defaultExecutor == null;
        ResolvedSettings runtime = settings != null || !needsSettings ? settings : RuntimeSettings.resolve();
        ExecutorRegistry registry = executors != null ? executors : new ExecutorRegistry(ConfigFile.load());
        ResultsStore results = store != null ? store : ResultsStore.open(RuntimeSettings.resultsDb(runtime));
        Duration lease = leaseTtl != null ? leaseTtl : Duration.ofSeconds(runtime.get(RuntimeSettings.LEASE_SECONDS));
        String executor = defaultExecutor != null ? defaultExecutor : runtime.get(RuntimeSettings.DEFAULT_EXECUTOR);
        return Dispatcher.create(results, registry, lease, executor, clock);
    }
}
