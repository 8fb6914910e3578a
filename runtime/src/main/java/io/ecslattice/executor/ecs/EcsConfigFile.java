package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The config file's {@code [executors.<name>]} section (CONTRACTS.md): {@code ECS_LATTICE_CONFIG},
 * else {@code $XDG_CONFIG_HOME/ecs-lattice/config.toml}, else {@code ~/.config/ecs-lattice/config.toml}.
 */
record EcsConfigFile(Path path) {
    static EcsConfigFile locate() {
        String explicit = System.getenv("ECS_LATTICE_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new EcsConfigFile(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new EcsConfigFile(base.resolve("ecs-lattice/config.toml"));
    }

    /** The section's raw values; empty when the file or the section does not exist. */
    Map<String, Object> section(String executorName) {
        if (!Files.isRegularFile(path)) {
            return Map.of();
        }
        try {
            JsonNode section = new TomlMapper().readTree(path.toFile()).path("executors").path(executorName);
            return section.isObject() ? new TomlMapper().convertValue(section, new TypeReference<Map<String, Object>>() { })
                    : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }

    String describe(String executorName) {
        return "config file " + path + " [executors." + executorName + "]";
    }
}
