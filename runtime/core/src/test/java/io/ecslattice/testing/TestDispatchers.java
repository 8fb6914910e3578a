package io.ecslattice.testing;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.store.ResultsStore;
import java.nio.file.Path;
import java.time.Duration;

/** Dispatchers on a real SQLite file in a test's temporary directory. */
public final class TestDispatchers {

    private TestDispatchers() {
    }

    /** A dispatcher whose default executor {@code local} runs in process with {@code maxInFlight} threads. */
    public static Dispatcher inProcess(Path dir, int maxInFlight) {
        Dispatcher dispatcher = plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(LocalExecutor.inProcess("local", maxInFlight));
        return dispatcher;
    }

    /** A dispatcher with the executors of a config file that does not exist (so {@code local} runs child JVMs). */
    public static Dispatcher plain(Path dir, Duration lease) {
        return Dispatcher.builder()
                .store(ResultsStore.open(dir.resolve("results.db")))
                .executors(new ExecutorRegistry(ConfigFile.load(dir.resolve("no-config.toml"))))
                .leaseTtl(lease)
                .defaultExecutor("local")
                .build();
    }
}
