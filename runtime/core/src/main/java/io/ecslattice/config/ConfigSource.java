package io.ecslattice.config;

import java.util.Objects;

/**
 * Where a setting's value came from, highest precedence first: a builder argument, an environment
 * variable, a config file section, the deployed stack's outputs, the built-in default.
 *
 * @param kind  which kind of source
 * @param where the file and section, variable, stack or output file; empty for builder and default
 */
public record ConfigSource(Kind kind, String where) {

    /** The kinds of source, in precedence order (highest first). */
    public enum Kind { BUILDER, ENVIRONMENT, CONFIG_FILE, STACK_OUTPUTS, DEFAULT }

    public ConfigSource {
        Objects.requireNonNull(kind, "kind");
        where = where == null ? "" : where;
    }

    public static ConfigSource builder() {
        return new ConfigSource(Kind.BUILDER, "");
    }

    public static ConfigSource environment(String variable) {
        return new ConfigSource(Kind.ENVIRONMENT, variable);
    }

    /** A section of a config file, e.g. {@code /home/me/.config/ecs-lattice/config.toml [executors.ecs]}. */
    public static ConfigSource configFile(String path, String section) {
        return new ConfigSource(Kind.CONFIG_FILE, path + " [" + section + "]");
    }

    /** Outputs of a deployed stack, e.g. {@code EcsLatticeStack (cdk-outputs.json)}. */
    public static ConfigSource stackOutputs(String where) {
        return new ConfigSource(Kind.STACK_OUTPUTS, where);
    }

    public static ConfigSource defaults() {
        return new ConfigSource(Kind.DEFAULT, "");
    }

    /** Short text for messages and {@code config show}: "builder", "env ECS_LATTICE_DB", "/path [executors.ecs]", ... */
    @Override
    public String toString() {
        return switch (kind) {
            case BUILDER -> "builder";
            case ENVIRONMENT -> "env " + where;
            case CONFIG_FILE -> where;
            case STACK_OUTPUTS -> "stack outputs " + where;
            case DEFAULT -> "default";
        };
    }
}
