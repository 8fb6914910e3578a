package io.ecslattice.executor.ecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link EcsExecutor}. Values given here win over the config file's section, which wins over
 * the deployed stack's outputs, which win over the documented defaults (DESIGN.md §3). Every value is
 * checked in {@link #build()} before any AWS call.
 */
public final class EcsExecutorBuilder {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private String name = "ecs";
    private Map<String, ?> configSection;
    private String configSource;

    EcsExecutorBuilder() {
    }

    /** The executor's name in the results store and the config file; {@code ecs} by default. */
    public EcsExecutorBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Any setting by its snake_case or camelCase key, e.g. {@code set("poll_freq", 2)}. */
    public EcsExecutorBuilder set(String key, Object value) {
        EcsSetting setting = EcsSetting.byKey(key).orElseThrow(() -> new InvalidSettingException(
                "unknown ECS executor setting '" + key + "' (from builder)"));
        values.put(setting.key(), value);
        return this;
    }

    /**
     * Uses this section instead of reading the config file: what the {@code ecs} executor factory passes.
     *
     * @param source how to name the section in error messages
     */
    public EcsExecutorBuilder configSection(Map<String, ?> section, String source) {
        this.configSection = section;
        this.configSource = source;
        return this;
    }

    public EcsExecutorBuilder credentials(String file) { return set("credentials", file); }
    public EcsExecutorBuilder profile(String profile) { return set("profile", profile); }
    public EcsExecutorBuilder region(String region) { return set("region", region); }
    public EcsExecutorBuilder s3BucketName(String bucket) { return set("s3_bucket_name", bucket); }
    public EcsExecutorBuilder ecrRepoName(String repo) { return set("ecr_repo_name", repo); }
    public EcsExecutorBuilder ecsClusterName(String cluster) { return set("ecs_cluster_name", cluster); }
    public EcsExecutorBuilder ecsTaskFamilyName(String family) { return set("ecs_task_family_name", family); }
    public EcsExecutorBuilder ecsTaskExecutionRoleName(String role) { return set("ecs_task_execution_role_name", role); }
    public EcsExecutorBuilder ecsTaskRoleName(String role) { return set("ecs_task_role_name", role); }
    public EcsExecutorBuilder ecsTaskSubnetId(List<String> subnets) { return set("ecs_task_subnet_id", subnets); }
    public EcsExecutorBuilder ecsTaskSecurityGroupId(String group) { return set("ecs_task_security_group_id", group); }
    public EcsExecutorBuilder ecsTaskLogGroupName(String group) { return set("ecs_task_log_group_name", group); }
    public EcsExecutorBuilder vcpu(double vcpu) { return set("vcpu", vcpu); }
    public EcsExecutorBuilder memory(double gigabytes) { return set("memory", gigabytes); }
    public EcsExecutorBuilder pollFreq(double seconds) { return set("poll_freq", seconds); }
    public EcsExecutorBuilder cacheDir(String directory) { return set("cache_dir", directory); }
    public EcsExecutorBuilder stackName(String stack) { return set("stack_name", stack); }
    public EcsExecutorBuilder stackOutputsFile(String file) { return set("stack_outputs_file", file); }
    public EcsExecutorBuilder ecrRegistryOverride(String hostPort) { return set("ecr_registry_override", hostPort); }
    public EcsExecutorBuilder baseImage(String image) { return set("base_image", image); }
    public EcsExecutorBuilder fargateSpot(boolean spot) { return set("fargate_spot", spot); }
    public EcsExecutorBuilder cpuArchitecture(String architecture) { return set("cpu_architecture", architecture); }
    public EcsExecutorBuilder maxInFlight(int tasks) { return set("max_in_flight", tasks); }

    /** Resolves and validates the settings (reading the stack's outputs only if needed) and creates the executor. */
    public EcsExecutor build() {
        Map<String, ?> section = configSection;
        String source = configSource;
        if (section == null) {
            EcsConfigFile file = EcsConfigFile.locate();
            section = file.section(name);
            source = file.describe(name);
        }
        AwsCallCounter counter = AwsCallCounter.create();
        EcsSettings settings = EcsSettingsResolver.resolve(values, section, source,
                StackOutputs::fileThenCloudFormation, early -> AwsClients.forSettings(early, counter));
        return new EcsExecutor(name, settings, counter);
    }

    /** Resolves and validates the settings only, as {@code config show} prints them. */
    public EcsSettings resolveSettings() {
        EcsExecutor executor = build();
        executor.close();
        return executor.settings();
    }
}
