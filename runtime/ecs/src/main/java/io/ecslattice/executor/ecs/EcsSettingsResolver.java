package io.ecslattice.executor.ecs;

import io.ecslattice.config.ConfigException;
import io.ecslattice.config.ConfigResolver;
import io.ecslattice.config.ConfigSource;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.Setting;
import io.ecslattice.config.SettingsLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the ECS settings with DESIGN.md §3's precedence: builder arguments, then the config file's
 * section, then what the AWS CLI and the CDK CLI read ({@link AwsEnvironment}: AWS_PROFILE, AWS_REGION,
 * AWS_DEFAULT_REGION, the profile's region), then the deployed stack's outputs, then the documented defaults. Every value the user gave
 * is validated before the stack is read, so a bad value fails before any AWS call.
 */
final class EcsSettingsResolver {
    /** Valid stand-ins for required values the stack will provide; used only to validate the rest early. */
    private static final Map<String, Object> PLACEHOLDERS = Map.of(
            EcsSettingsTable.ECS_TASK_SUBNET_ID.key(), "subnet-00000000",
            EcsSettingsTable.ECS_TASK_SECURITY_GROUP_ID.key(), "sg-00000000");

    private EcsSettingsResolver() {
    }

    /**
     * @param builder       values given in code (camelCase or snake_case keys)
     * @param configSection the config file's section for this executor (may hold {@code type})
     * @param configSource  where the section was read
     * @param stack         reads the stack outputs when some stack-provided setting is unset
     * @param aws           the environment and AWS files the CLIs read
     * @param clients       builds the AWS clients the stack reader may need, from the early-validated settings
     */
    static EcsSettings resolve(Map<String, Object> builder, Map<String, Object> configSection, ConfigSource configSource,
                               AwsEnvironment aws, StackOutputs.Source stack, Function<EcsSettings, AwsClients> clients) {
        List<SettingsLayer> given = given(builder, configSection, configSource, aws);
        EcsSettings checked = early(given);

        boolean needsStack = EcsSettingsTable.FROM_STACK.stream().anyMatch(s -> !isGiven(s, given));
        if (!needsStack) {
            return EcsSettings.of(ConfigResolver.resolve(EcsSettingsTable.TABLE, given));
        }
        Optional<StackOutputs> outputs;
        try (AwsClients stackClients = clients.apply(checked)) {
            outputs = stack.read(checked.stackName(), checked.stackOutputsFile(), stackClients);
        }
        List<SettingsLayer> all = new ArrayList<>(given);
        outputs.ifPresent(o -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Setting<?> setting : EcsSettingsTable.FROM_STACK) {
                String value = o.values().get(setting.outputKey());
                if (value != null && !value.isBlank()) {
                    values.put(setting.key(), value);
                }
            }
            all.add(new SettingsLayer(ConfigSource.stackOutputs(o.source()), values, false));
        });
        try {
            return EcsSettings.of(ConfigResolver.resolve(EcsSettingsTable.TABLE, all));
        } catch (ConfigException e) {
            if (outputs.isEmpty()) {
                throw new ConfigException(e.getMessage() + "; no stack named " + checked.stackName() + " was found (not in "
                        + checked.stackOutputsFile() + ", not in CloudFormation of " + checked.region() + ")", e);
            }
            throw e;
        }
    }

    /**
     * The settings as far as they resolve without reading the stack: region, credentials and every value given
     * (what a client needs to read the stack's bucket), with stand-ins for what only the stack would provide.
     */
    static EcsSettings withoutStack(Map<String, Object> configSection, ConfigSource configSource, AwsEnvironment aws) {
        return early(given(Map.of(), configSection, configSource, aws));
    }

    /** The layers the user gave, highest precedence first: builder, config file section, the AWS environment. */
    private static List<SettingsLayer> given(Map<String, Object> builder, Map<String, Object> configSection,
                                             ConfigSource configSource, AwsEnvironment aws) {
        List<SettingsLayer> given = new ArrayList<>(List.of(SettingsLayer.builder(builder),
                new SettingsLayer(configSource, configSection, true)));
        Optional<String> givenProfile = given.stream().flatMap(l -> l.values().entrySet().stream())
                .filter(e -> e.getValue() != null && EcsSettingsTable.PROFILE.answersTo(e.getKey()))
                .map(e -> e.getValue().toString()).findFirst();
        given.addAll(aws.layers(givenProfile));
        return given;
    }

    /** {@code given} with valid stand-ins for the values the stack provides: validates the rest before any AWS call. */
    private static EcsSettings early(List<SettingsLayer> given) {
        List<SettingsLayer> early = new ArrayList<>(given);
        early.add(new SettingsLayer(ConfigSource.stackOutputs("(not read yet)"), PLACEHOLDERS, false));
        return EcsSettings.of(ConfigResolver.resolve(EcsSettingsTable.TABLE, early));
    }

    private static boolean isGiven(Setting<?> setting, List<SettingsLayer> layers) {
        return layers.stream().anyMatch(layer -> layer.values().entrySet().stream()
                .anyMatch(e -> e.getValue() != null && setting.answersTo(e.getKey())));
    }

}
