package io.ecslattice.executor.ecs;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ConfigSource;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorFactory;
import java.util.Map;
import java.util.Optional;

/** Creates {@code type = "ecs"} executors from config file sections; found with ServiceLoader. */
public final class EcsExecutorFactory implements ExecutorFactory {
    @Override
    public String type() {
        return "ecs";
    }

    @Override
    public Executor create(String name, Map<String, Object> section) {
        return builder(name, section).build();
    }

    /** The settings with their sources; reads the stack outputs as creating the executor would. */
    @Override
    public Optional<ResolvedSettings> settings(String name, Map<String, Object> section) {
        return Optional.of(builder(name, section).resolveSettings().resolved());
    }

    private static EcsExecutorBuilder builder(String name, Map<String, Object> section) {
        return EcsExecutor.builder().name(name).configSection(section,
                ConfigSource.configFile(ConfigFile.defaultPath(System.getenv()).toString(), "executors." + name));
    }
}
