package io.ecslattice.executor.local;

import io.ecslattice.config.ConfigResolver;
import io.ecslattice.config.ConfigSource;
import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.SettingsLayer;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates {@link LocalExecutor}s for config sections of type {@code local}. */
public final class LocalExecutorFactory implements ExecutorFactory {

    @Override
    public String type() {
        return "local";
    }

    @Override
    public Executor create(String name, Map<String, Object> section) {
        return new LocalExecutor(name, resolve(name, section));
    }

    @Override
    public Optional<ResolvedSettings> settings(String name, Map<String, Object> section) {
        return Optional.of(resolve(name, section));
    }

    private static ResolvedSettings resolve(String name, Map<String, Object> section) {
        SettingsLayer file = new SettingsLayer(
                ConfigSource.configFile(ConfigFile.defaultPath(System.getenv()).toString(), "executors." + name), section, true);
        return ConfigResolver.resolve(LocalSettings.TABLE, List.of(file));
    }
}
