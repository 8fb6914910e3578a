package io.ecslattice.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting: its snake_case key (as in the TOML file), type, default, validation and a description
 * for {@code config show}. The builder spelling is {@link #camelKey()}, the stack output spelling
 * {@link #outputKey()}.
 *
 * @param key          snake_case key, e.g. {@code ecs_task_subnet_id}
 * @param type         how raw values parse
 * @param defaultValue the default; null when there is none
 * @param required     true when resolution fails without a value
 * @param check        validation of a parsed value; never null
 * @param description  one line for people
 * @param envVar       an environment variable that sets it, or null
 * @param <T>          the value's Java type
 */
public record Setting<T>(String key, SettingType<T> type, T defaultValue, boolean required, Check<T> check,
                         String description, String envVar) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(check, "check");
        description = description == null ? "" : description;
    }

    /** An optional setting with a default (which may be null: then unset means "none"). */
    public static <T> Setting<T> of(String key, SettingType<T> type, T defaultValue, String description) {
        return new Setting<>(key, type, defaultValue, false, value -> null, description, null);
    }

    /** A setting with no default that must be given somewhere. */
    public static <T> Setting<T> required(String key, SettingType<T> type, String description) {
        return new Setting<>(key, type, null, true, value -> null, description, null);
    }

    /** This setting validated by {@code check}. */
    public Setting<T> checkedBy(Check<T> newCheck) {
        return new Setting<>(key, type, defaultValue, required, newCheck, description, envVar);
    }

    /** This setting also read from environment variable {@code name} (above the config file). */
    public Setting<T> fromEnv(String name) {
        return new Setting<>(key, type, defaultValue, required, check, description, name);
    }

    /** The builder spelling: {@code ecs_task_subnet_id} becomes {@code ecsTaskSubnetId}. */
    public String camelKey() {
        String upper = outputKey();
        return Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
    }

    /** The stack output spelling: {@code ecs_task_subnet_id} becomes {@code EcsTaskSubnetId}. */
    public String outputKey() {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("_")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /** True when {@code name} is this setting's key in any of its spellings. */
    public boolean answersTo(String name) {
        return key.equals(name) || camelKey().equals(name) || outputKey().equals(name);
    }

    /** {@code value} as {@code config show} prints it. */
    @SuppressWarnings("unchecked")
    public String format(Object value) {
        return value == null ? "(none)" : type.format((T) value);
    }
}
