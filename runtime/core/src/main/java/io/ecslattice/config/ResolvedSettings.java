package io.ecslattice.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resolved, validated values of one {@link SettingsTable}, each remembering its source. */
public final class ResolvedSettings {

    private final SettingsTable table;
    private final Map<String, ResolvedValue> byKey;

    ResolvedSettings(SettingsTable table, Map<String, ResolvedValue> byKey) {
        this.table = table;
        this.byKey = new LinkedHashMap<>(byKey);
    }

    /** The value of {@code setting}; null when it is optional and unset. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) entry(setting.key()).value();
    }

    /** The resolved entry for {@code key}; fails for a key the table does not declare. */
    public ResolvedValue entry(String key) {
        ResolvedValue value = byKey.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting '" + key + "' in " + table.name() + "; valid keys: " + table.keys());
        }
        return value;
    }

    /** Every resolved setting in table order. */
    public Collection<ResolvedValue> values() {
        return List.copyOf(byKey.values());
    }

    public SettingsTable table() {
        return table;
    }

    /** A table for people: key, value, source; one line each, aligned. */
    public String render() {
        int width = byKey.keySet().stream().mapToInt(String::length).max().orElse(0);
        int valueWidth = byKey.values().stream().mapToInt(v -> v.setting().format(v.value()).length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (ResolvedValue value : byKey.values()) {
            lines.add(String.format("  %-" + width + "s = %-" + valueWidth + "s  (%s)",
                    value.setting().key(), value.setting().format(value.value()), value.source()));
        }
        return String.join(System.lineSeparator(), lines);
    }
}
