package io.ecslattice.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's TOML config file: {@code [runtime]} and {@code [executors.<name>]} sections. Its path is
 * {@value #ENV_PATH} if set, else {@code $XDG_CONFIG_HOME/ecs-lattice/config.toml}, else
 * {@code ~/.config/ecs-lattice/config.toml}. A missing file is an empty config.
 */
public final class ConfigFile {

    /** Environment variable naming the config file. */
    public static final String ENV_PATH = "ECS_LATTICE_CONFIG";

    private final Path path;
    private final boolean exists;
    private final Map<String, Object> content;

    private ConfigFile(Path path, boolean exists, Map<String, Object> content) {
        this.path = path;
        this.exists = exists;
        this.content = content;
    }

    /** The config file the environment points at (see the class comment). */
    public static ConfigFile load() {
        return load(defaultPath(System.getenv()));
    }

    /** Reads {@code path}; a missing file gives an empty config, a malformed one a {@link ConfigException}. */
    public static ConfigFile load(Path path) {
        if (!Files.isRegularFile(path)) {
            return new ConfigFile(path, false, Map.of());
        }
        try {
            Map<String, Object> content = new TomlMapper().readValue(path.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            return new ConfigFile(path, true, content);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Where the config file is looked for, given the environment {@code env}. */
    public static Path defaultPath(Map<String, String> env) {
        String explicit = env.get(ENV_PATH);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("ecs-lattice").resolve("config.toml");
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return exists;
    }

    /** The names of the {@code [executors.<name>]} sections. */
    public Set<String> executorNames() {
        return table("executors").keySet();
    }

    /** The raw key/values of {@code [executors.<name>]}; empty when there is no such section. */
    public Map<String, Object> executorSection(String name) {
        Object section = table("executors").get(name);
        return section instanceof Map<?, ?> ? castMap(section, "executors." + name) : Map.of();
    }

    /** The raw key/values of the top-level table {@code [name]}, e.g. {@code runtime}. */
    public Map<String, Object> section(String name) {
        return table(name);
    }

    /** The section {@code [executors.<name>]} as a strict settings layer. */
    public SettingsLayer executorLayer(String name) {
        return new SettingsLayer(ConfigSource.configFile(path.toString(), "executors." + name), executorSection(name), true);
    }

    /** The top-level section {@code [name]} as a strict settings layer. */
    public SettingsLayer layer(String name) {
        return new SettingsLayer(ConfigSource.configFile(path.toString(), name), section(name), true);
    }

    private Map<String, Object> table(String name) {
        Object value = content.get(name);
        if (value == null) {
            return Map.of();
        }
        return castMap(value, name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> castMap(Object value, String name) {
        if (!(value instanceof Map<?, ?>)) {
            throw new ConfigException("[" + name + "] in " + path + " must be a table, found " + value);
        }
        return (Map<String, Object>) value;
    }
}
