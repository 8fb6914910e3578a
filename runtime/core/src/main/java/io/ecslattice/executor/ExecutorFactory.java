package io.ecslattice.executor;

import io.ecslattice.config.ResolvedSettings;
import java.util.Map;
import java.util.Optional;

/**
 * Creates executors of one type ({@code local}, {@code ecs}) from a config file section. Implementations
 * are found with {@link java.util.ServiceLoader} (a {@code META-INF/services/io.ecslattice.executor.ExecutorFactory}
 * line), so a new executor type plugs in without changes to the dispatcher.
 */
public interface ExecutorFactory {

    /** The value of {@code type} in a config section that this factory serves, e.g. {@code ecs}. */
    String type();

    /**
     * An executor named {@code name}, configured by the raw key/values of {@code [executors.<name>]}
     * (empty when the section does not exist). Fails with a {@link io.ecslattice.config.ConfigException}
     * naming key, value and what is valid, before touching anything remote.
     */
    Executor create(String name, Map<String, Object> section);

    /** The resolved settings an executor of this section would use, for {@code config show}; empty if not shown. */
    default Optional<ResolvedSettings> settings(String name, Map<String, Object> section) {
        return Optional.empty();
    }

    /**
     * What the settings have led to so far, one line each, printed by {@code config show} after them (the ECS
     * executor's base image digest recorded at the first build); none by default.
     */
    default java.util.List<String> facts(String name, Map<String, Object> section) {
        return java.util.List.of();
    }

    /**
     * The administration of the pools executors of this type keep outside any process ({@code ecs-lattice pool}), for
     * the executor {@code name} configured by {@code section}; empty when the type keeps none. The caller closes it.
     */
    default Optional<PoolAdmin> poolAdmin(String name, Map<String, Object> section) {
        return Optional.empty();
    }
}
