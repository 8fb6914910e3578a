package io.ecslattice.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The raw values one source gives, keyed by any spelling of the settings' keys.
 *
 * @param source where the values come from
 * @param values raw values (TOML values, builder arguments, strings)
 * @param strict true when a key the table does not know is an error (config files, builders); false
 *               where foreign keys are expected (stack outputs carry more than settings)
 */
public record SettingsLayer(ConfigSource source, Map<String, Object> values, boolean strict) {

    public SettingsLayer {
        Objects.requireNonNull(source, "source");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Builder arguments: strict, highest precedence. */
    public static SettingsLayer builder(Map<String, Object> values) {
        return new SettingsLayer(ConfigSource.builder(), values, true);
    }

    /** The environment variables the table declares, read from {@code env}. */
    public static SettingsLayer environment(SettingsTable table, Map<String, String> env) {
        Map<String, Object> values = new LinkedHashMap<>();
        ConfigSource source = null;
        for (Setting<?> setting : table.settings()) {
            if (setting.envVar() != null && env.get(setting.envVar()) != null && !env.get(setting.envVar()).isBlank()) {
                values.put(setting.key(), env.get(setting.envVar()));
            }
        }
        return new SettingsLayer(ConfigSource.environment("variables"), values, false);
    }
}
