package io.ecslattice.executor.ecs;

import io.ecslattice.config.ConfigException;
import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ConfigSource;
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
    private Map<String, Object> configSection;
    private ConfigSource configSource;

    EcsExecutorBuilder() {
    }

    /** The executor's name in the results store and the config file; {@code ecs} by default. */
    public EcsExecutorBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Any setting by its snake_case or camelCase key, e.g. {@code set("poll_freq", 2)}. */
    public EcsExecutorBuilder set(String key, Object value) {
        var setting = EcsSettingsTable.TABLE.find(key).orElseThrow(() -> new ConfigException("unknown setting '" + key
                + "' for executor type ecs (from builder); valid keys: " + EcsSettingsTable.TABLE.keys()));
        values.put(setting.key(), value);
        return this;
    }

    /**
     * Uses this section instead of reading the config file: what the {@code ecs} executor factory passes.
     *
     * @param source where the section was read
     */
    public EcsExecutorBuilder configSection(Map<String, Object> section, ConfigSource source) {
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
    public EcsExecutorBuilder imageInclude(List<String> patterns) { return set("image_include", patterns); }
    public EcsExecutorBuilder fargateSpot(boolean spot) { return set("fargate_spot", spot); }
    public EcsExecutorBuilder cpuArchitecture(String architecture) { return set("cpu_architecture", architecture); }
    public EcsExecutorBuilder maxInFlight(int tasks) { return set("max_in_flight", tasks); }

    /** Resolves and validates the settings (reading the stack's outputs only if needed) and creates the executor. */
    public EcsExecutor build() {
        AwsCallCounter counter = AwsCallCounter.create();
        return new EcsExecutor(name, resolve(counter), counter);
    }

    /** The settings an executor built now would use, each with its source, as {@code config show} prints them. */
    public EcsSettings resolveSettings() {
        return resolve(AwsCallCounter.create());
    }

    private EcsSettings resolve(AwsCallCounter counter) {
        Map<String, Object> section = configSection;
        ConfigSource source = configSource;
        if (section == null) {
            ConfigFile file = ConfigFile.load();
            section = file.executorSection(name);
            source = ConfigSource.configFile(file.path().toString(), "executors." + name);
        }
        return EcsSettingsResolver.resolve(values, section, source, AwsEnvironment.system(), StackOutputs::fileThenCloudFormation,
                early -> AwsClients.forStackRead(early, counter));
    }
}
