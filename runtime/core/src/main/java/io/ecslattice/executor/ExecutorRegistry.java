package io.ecslattice.executor;

import io.ecslattice.config.ConfigException;
import io.ecslattice.config.ConfigFile;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executors by name, as electrons and stored nodes refer to them: an instance registered in this process,
 * or one created from {@code [executors.<name>]} of the config file by the {@link ExecutorFactory} of the
 * section's {@code type} (which defaults to the name, so {@code local} and {@code ecs} work without a section).
 */
public final class ExecutorRegistry implements AutoCloseable {

    private final ConfigFile configFile;
    private final Map<String, ExecutorFactory> factories;
    private final Map<String, Executor> byName = new ConcurrentHashMap<>();

    /** A registry over {@code configFile} with the factories on the class path. */
    public ExecutorRegistry(ConfigFile configFile) {
        this.configFile = configFile;
        this.factories = discoverFactories();
    }

    /** The factories found, by type. */
    public Map<String, ExecutorFactory> factories() {
        return factories;
    }

    public ConfigFile configFile() {
        return configFile;
    }

    /** Makes {@code executor} the one known as its name in this process (unless one is already known). */
    public Executor register(Executor executor) {
        Executor known = byName.putIfAbsent(executor.name(), executor);
        return known == null ? executor : known;
    }

    /** The executor called {@code name}, created on first use. */
    public Executor get(String name) {
        return byName.computeIfAbsent(name, this::create);
    }

    /** The factory for {@code name}'s section, checked: fails naming the known types and sections. */
    public ExecutorFactory factoryFor(String name) {
        Map<String, Object> section = configFile.executorSection(name);
        Object type = section.get("type");
        String typeName = type != null ? type.toString() : name;
        ExecutorFactory factory = factories.get(typeName);
        if (factory == null) {
            String where = type != null ? "type=" + typeName + " in [executors." + name + "] of " + configFile.path()
                    : "no [executors." + name + "] section in " + configFile.path() + " and '" + name + "' is not an executor type";
            throw new ConfigException("unknown executor '" + name + "': " + where + "; known types: "
                    + String.join(", ", factories.keySet()) + "; configured executors: " + String.join(", ", configFile.executorNames()));
        }
        return factory;
    }

    private Executor create(String name) {
        return factoryFor(name).create(name, configFile.executorSection(name));
    }

    private static Map<String, ExecutorFactory> discoverFactories() {
        Map<String, ExecutorFactory> found = new TreeMap<>();
        for (ExecutorFactory factory : ServiceLoader.load(ExecutorFactory.class, ExecutorRegistry.class.getClassLoader())) {
            found.putIfAbsent(factory.type(), factory);
        }
        return found;
    }

    /** Closes every executor this registry holds. */
    @Override
    public void close() {
        byName.values().forEach(Executor::close);
        byName.clear();
    }
}
