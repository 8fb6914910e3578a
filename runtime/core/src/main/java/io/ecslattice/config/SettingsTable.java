package io.ecslattice.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one declaration of a group of settings (the runtime's, an executor type's): every reader (builder,
 * environment, TOML file, stack outputs) and {@code config show} derive from it.
 *
 * @param name        what the settings configure, e.g. "executor type ecs"
 * @param settings    the settings, in display order
 * @param crossChecks checks over several settings (e.g. Fargate's cpu/memory pairs), run after each
 *                    value resolved and passed its own check
 */
public record SettingsTable(String name, List<Setting<?>> settings, List<CrossCheck> crossChecks) {

    /** A validation across settings; returns null when fine, else a message naming keys, values, sources and what is valid. */
    @FunctionalInterface
    public interface CrossCheck {
        String problem(ResolvedSettings settings);
    }

    public SettingsTable {
        Objects.requireNonNull(name, "name");
        settings = List.copyOf(settings);
        crossChecks = List.copyOf(crossChecks);
    }

    public SettingsTable(String name, List<Setting<?>> settings) {
        this(name, settings, List.of());
    }

    /** The setting that answers to {@code key} in any spelling. */
    public Optional<Setting<?>> find(String key) {
        return settings.stream().filter(s -> s.answersTo(key)).findFirst();
    }

    /** The snake_case keys, for "valid keys: ..." messages. */
    public String keys() {
        return settings.stream().map(Setting::key).collect(Collectors.joining(", "));
    }
}
