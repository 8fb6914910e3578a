package io.ecslattice.executor.ecs;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves settings with DESIGN.md §3's precedence: builder arguments, then the config file's section,
 * then the deployed stack's outputs, then the documented defaults. Every value given by the user is
 * validated before the stack is read, so a bad value fails before any AWS call.
 */
final class EcsSettingsResolver {
    /** Valid stand-ins for required values the stack will provide; used only to validate the rest early. */
    private static final Map<EcsSetting, String> PLACEHOLDERS = Map.of(
            EcsSetting.ECS_TASK_SUBNET_ID, "subnet-00000000",
            EcsSetting.ECS_TASK_SECURITY_GROUP_ID, "sg-00000000");

    private EcsSettingsResolver() {
    }

    /**
     * @param builder       values given in code (camelCase or snake_case keys)
     * @param configSection the config file's section for this executor (may hold {@code type})
     * @param configSource  how to name the config section in messages
     * @param stack         reads the stack outputs when some stack-provided key is unset
     * @param clients       builds the AWS clients the stack reader may need, from the early-validated settings
     */
    static EcsSettings resolve(Map<String, ?> builder, Map<String, ?> configSection, String configSource,
                               StackOutputs.Source stack, Function<EcsSettings, AwsClients> clients) {
        Map<EcsSetting, SourcedValue> given = new EnumMap<>(EcsSetting.class);
        given.putAll(read(configSection, configSource));
        given.putAll(read(builder, "builder"));

        boolean needsStack = java.util.Arrays.stream(EcsSetting.values())
                .anyMatch(s -> s.fromStack() && !given.containsKey(s));
        Map<EcsSetting, SourcedValue> early = new EnumMap<>(given);
        PLACEHOLDERS.forEach((s, v) -> early.putIfAbsent(s, new SourcedValue(v, "placeholder")));
        EcsSettings checked = EcsSettings.from(early);
        if (!needsStack) {
            return EcsSettings.from(given);
        }

        Optional<StackOutputs> outputs;
        try (AwsClients aws = clients.apply(checked)) {
            outputs = stack.read(checked.stackName(),
                    Path.of(given.getOrDefault(EcsSetting.STACK_OUTPUTS_FILE,
                            new SourcedValue(EcsSetting.STACK_OUTPUTS_FILE.defaultValue().orElseThrow(), "default")).text()),
                    aws);
        }
        Map<EcsSetting, SourcedValue> all = new EnumMap<>(EcsSetting.class);
        outputs.ifPresent(o -> {
            for (EcsSetting setting : EcsSetting.values()) {
                String value = o.values().get(setting.outputKey());
                if (setting.fromStack() && value != null && !value.isBlank()) {
                    all.put(setting, new SourcedValue(value, o.source()));
                }
            }
        });
        all.putAll(given);
        try {
            return EcsSettings.from(all);
        } catch (InvalidSettingException e) {
            if (outputs.isEmpty()) {
                throw new InvalidSettingException(e.getMessage() + " (no stack named " + checked.stackName()
                        + " was found: not in " + all.getOrDefault(EcsSetting.STACK_OUTPUTS_FILE,
                        new SourcedValue("cdk-outputs.json", "default")).text() + ", not in CloudFormation of "
                        + checked.region() + ")");
            }
            throw e;
        }
    }

    /** Raw values to text, rejecting keys that are no setting. */
    static Map<EcsSetting, SourcedValue> read(Map<String, ?> raw, String source) {
        Map<EcsSetting, SourcedValue> values = new EnumMap<>(EcsSetting.class);
        raw.forEach((key, value) -> {
            if (key.equals("type") || value == null) {
                return;
            }
            EcsSetting setting = EcsSetting.byKey(key).orElseThrow(() -> new InvalidSettingException(
                    "unknown ECS executor setting '" + key + "' (from " + source + "); valid keys: "
                            + java.util.Arrays.stream(EcsSetting.values()).map(EcsSetting::key)
                            .collect(Collectors.joining(", "))));
            values.put(setting, new SourcedValue(text(value), source));
        });
        return values;
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }
}
