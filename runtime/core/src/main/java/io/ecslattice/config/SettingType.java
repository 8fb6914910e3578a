package io.ecslattice.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * How a setting's raw value (a TOML value, a builder argument, an environment variable or stack
 * output string) becomes a typed value.
 *
 * @param <T> the Java type of the setting
 */
public interface SettingType<T> {

    /** A name for messages, e.g. "an integer". */
    String description();

    /** The typed value of {@code raw}; throws {@link IllegalArgumentException} with a short reason when it does not parse. */
    T parse(Object raw);

    /** How {@code config show} and the TOML file spell {@code value}. */
    default String format(T value) {
        return String.valueOf(value);
    }

    SettingType<String> STRING = simple("a string", raw -> {
        if (raw instanceof Collection<?> || raw instanceof java.util.Map<?, ?>) {
            throw new IllegalArgumentException("expected a string");
        }
        return raw.toString();
    });

    SettingType<Integer> INTEGER = simple("an integer", raw -> {
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        return Integer.parseInt(raw.toString().trim());
    });

    /** Decimal numbers keep their written precision (0.25 stays 0.25), which the Fargate tables need. */
    SettingType<BigDecimal> DECIMAL = new SettingType<>() {
        @Override
        public String description() {
            return "a number";
        }

        @Override
        public BigDecimal parse(Object raw) {
            return new BigDecimal(raw.toString().trim()).stripTrailingZeros();
        }

        @Override
        public String format(BigDecimal value) {
            return value.toPlainString();
        }
    };

    SettingType<Boolean> BOOLEAN = simple("true or false", raw -> {
        if (raw instanceof Boolean b) {
            return b;
        }
        String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(text);
    });

    /** A path; a leading {@code ~/} means the user's home directory. */
    SettingType<Path> PATH = simple("a path", raw -> {
        String text = raw.toString().trim();
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        return Path.of(text);
    });

    /** A TOML array of strings or one comma-separated string (as stack outputs give several subnets). */
    SettingType<List<String>> STRING_LIST = new SettingType<>() {
        @Override
        public String description() {
            return "a list of strings";
        }

        @Override
        public List<String> parse(Object raw) {
            List<String> items = new ArrayList<>();
            if (raw instanceof Collection<?> collection) {
                collection.forEach(item -> items.add(item.toString().trim()));
            } else {
                Arrays.stream(raw.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
            }
            return List.copyOf(items);
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }
    };

    /**
     * Names to strings, sorted by name: a TOML table ({@code [executors.ecs.env]} or {@code env = { K = "v" }}) or,
     * from a builder string or environment variable, {@code NAME=value} items separated by commas (each split at its
     * first {@code =}).
     */
    SettingType<java.util.SortedMap<String, String>> STRING_MAP = new SettingType<>() {
        @Override
        public String description() {
            return "a table of names to strings";
        }

        @Override
        public java.util.SortedMap<String, String> parse(Object raw) {
            java.util.TreeMap<String, String> map = new java.util.TreeMap<>();
            if (raw instanceof java.util.Map<?, ?> table) {
                table.forEach((k, v) -> {
                    if (v instanceof java.util.Map<?, ?> || v instanceof Collection<?>) {
                        throw new IllegalArgumentException("expected a string for " + k + ", got " + v);
                    }
                    map.put(k.toString(), String.valueOf(v));
                });
            } else {
                for (String item : raw.toString().split(",")) {
                    if (item.isBlank()) {
                        continue;
                    }
                    int eq = item.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("expected NAME=value items separated by commas, got '" + item.trim() + "'");
                    }
                    map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
                }
            }
            return java.util.Collections.unmodifiableSortedMap(map);
        }

        @Override
        public String format(java.util.SortedMap<String, String> value) {
            return value.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(","));
        }
    };

    /** One of a fixed set of words, compared case-insensitively and stored as written in {@code values}. */
    static SettingType<String> oneOf(String... values) {
        return simple("one of " + String.join(", ", values), raw -> {
            for (String value : values) {
                if (value.equalsIgnoreCase(raw.toString().trim())) {
                    return value;
                }
            }
            throw new IllegalArgumentException("valid: " + String.join(", ", values));
        });
    }

    private static <T> SettingType<T> simple(String description, java.util.function.Function<Object, T> parser) {
        return new SettingType<>() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public T parse(Object raw) {
                return parser.apply(raw);
            }
        };
    }
}
