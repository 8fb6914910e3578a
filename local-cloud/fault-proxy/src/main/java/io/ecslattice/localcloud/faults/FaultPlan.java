package io.ecslattice.localcloud.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the proxy does to calls: which shares of which operations fail how, and which RunTask attempts
 * report no capacity. Decisions are drawn from one {@link java.util.Random} seeded with {@code seed}.
 *
 * <p>JSON form, as given to {@link FaultProxyMain}:
 * <pre>{"seed": 7,
 *  "rules": [{"service": "ecs", "operation": "*", "share": 0.3, "fault": "throttle"}],
 *  "capacity": [{"select": "\"node\",\"value\":\"(n[0-4])\"", "firstAttempts": 2, "reason": "RESOURCE:MEMORY"}]}</pre>
 *
 * @param seed     seed of the random source
 * @param rules    checked in order; the first matching rule whose draw hits answers the call
 * @param capacity capacity failures of RunTask, checked after the rules let a call through
 */
public record FaultPlan(long seed, List<FaultRule> rules, List<CapacityRule> capacity) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FaultPlan {
        rules = List.copyOf(rules);
        capacity = List.copyOf(capacity);
    }

    /** A plan that forwards everything. */
    public static FaultPlan none() {
        return new FaultPlan(0, List.of(), List.of());
    }

    /** Reads the JSON form, failing with the offending key and value. */
    public static FaultPlan parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("fault plan is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("fault plan must be a JSON object with seed, rules, capacity; got: " + json);
        }
        List<FaultRule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            rules.add(new FaultRule(text(rule, "service", "*"), text(rule, "operation", "*"),
                    rule.path("share").asDouble(Double.NaN), Fault.fromLabel(text(rule, "fault", "throttle"))));
        }
        List<CapacityRule> capacity = new ArrayList<>();
        for (JsonNode rule : root.path("capacity")) {
            String select = Objects.requireNonNull(text(rule, "select", null), "capacity rule needs select (a regular expression)");
            try {
                capacity.add(new CapacityRule(Pattern.compile(select), rule.path("firstAttempts").asInt(1),
                        text(rule, "reason", CapacityRule.FARGATE_CAPACITY)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("select=" + select + " is not a regular expression: " + e.getDescription(), e);
            }
        }
        return new FaultPlan(root.path("seed").asLong(0), rules, capacity);
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
