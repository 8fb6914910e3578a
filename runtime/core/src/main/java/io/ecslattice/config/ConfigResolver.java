package io.ecslattice.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a {@link SettingsTable} from layers given highest precedence first: each setting takes the
 * first layer that has a value, else its default; then every value and cross-check is validated. All
 * failures are {@link ConfigException}s naming key, value, what is valid and the source.
 */
public final class ConfigResolver {

    private ConfigResolver() {
    }

    /** Resolves {@code table} from {@code layers} (highest precedence first) and validates the result. */
    public static ResolvedSettings resolve(SettingsTable table, List<SettingsLayer> layers) {
        for (SettingsLayer layer : layers) {
            rejectUnknownKeys(table, layer);
        }
        Map<String, ResolvedValue> resolved = new LinkedHashMap<>();
        for (Setting<?> setting : table.settings()) {
            resolved.put(setting.key(), resolveOne(table, setting, layers));
        }
        ResolvedSettings settings = new ResolvedSettings(table, resolved);
        for (SettingsTable.CrossCheck check : table.crossChecks()) {
            String problem = check.problem(settings);
            if (problem != null) {
                throw new ConfigException(problem);
            }
        }
        return settings;
    }

    private static void rejectUnknownKeys(SettingsTable table, SettingsLayer layer) {
        if (!layer.strict()) {
            return;
        }
        for (String key : layer.values().keySet()) {
            if (!key.equals("type") && table.find(key).isEmpty()) {
                throw new ConfigException("unknown setting '" + key + "' for " + table.name() + " (from "
                        + layer.source() + "); valid keys: " + table.keys());
            }
        }
    }

    private static <T> ResolvedValue resolveOne(SettingsTable table, Setting<T> setting, List<SettingsLayer> layers) {
        for (SettingsLayer layer : layers) {
            for (Map.Entry<String, Object> entry : layer.values().entrySet()) {
                if (entry.getValue() != null && setting.answersTo(entry.getKey())) {
                    // A layer read from one variable per setting names that setting's variable; one read from
                    // a named variable or file (AWS_REGION, ~/.aws/config) keeps its own name.
                    ConfigSource source = layer.source().kind() == ConfigSource.Kind.ENVIRONMENT && setting.envVar() != null
                            ? ConfigSource.environment(setting.envVar()) : layer.source();
                    return new ResolvedValue(setting, parseAndCheck(setting, entry.getValue(), source), source);
                }
            }
        }
        if (setting.required() && setting.defaultValue() == null) {
            throw new ConfigException(setting.key() + " is required for " + table.name() + " and has no value; set "
                    + setting.key() + " in the config file, " + setting.camelKey() + " on the builder"
                    + (setting.envVar() == null ? "" : ", or env " + setting.envVar())
                    + " (stack output " + setting.outputKey() + " also provides it)");
        }
        return new ResolvedValue(setting, setting.defaultValue(), ConfigSource.defaults());
    }

    private static <T> T parseAndCheck(Setting<T> setting, Object raw, ConfigSource source) {
        T value;
        try {
            value = setting.type().parse(raw);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null || e instanceof NumberFormatException
                    ? "expected " + setting.type().description() : e.getMessage();
            throw new ConfigException(setting.key() + "=" + raw + " is not valid: " + reason + " (from " + source + ")", e);
        }
        String problem = setting.check().problem(value);
        if (problem != null) {
            throw new ConfigException(setting.key() + "=" + setting.format(value) + " " + problem + " (from " + source + ")");
        }
        return value;
    }
}
