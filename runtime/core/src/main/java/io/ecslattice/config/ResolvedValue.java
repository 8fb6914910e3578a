package io.ecslattice.config;

/**
 * One resolved setting: its value (null when unset and optional) and where it came from.
 *
 * @param setting the declaration
 * @param value   the typed, validated value
 * @param source  which source won
 */
public record ResolvedValue(Setting<?> setting, Object value, ConfigSource source) {

    /** {@code key=value} as messages and {@code config show} print it. */
    public String display() {
        return setting.key() + "=" + setting.format(value);
    }
}
