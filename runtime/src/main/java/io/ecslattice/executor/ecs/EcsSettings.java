package io.ecslattice.executor.ecs;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The resolved, validated settings of one ECS executor (see {@link EcsSetting} for what each means).
 * Built only through {@link #from}, which checks every value before anything touches AWS.
 */
public record EcsSettings(
        Path credentials,
        String profile,
        String region,
        String s3BucketName,
        String ecrRepoName,
        String ecsClusterName,
        String ecsTaskFamilyName,
        String ecsTaskExecutionRoleName,
        String ecsTaskRoleName,
        List<String> ecsTaskSubnetIds,
        String ecsTaskSecurityGroupId,
        String ecsTaskLogGroupName,
        FargateSize size,
        Duration pollFreq,
        Path cacheDir,
        String stackName,
        Optional<String> ecrRegistryOverride,
        String baseImage,
        boolean fargateSpot,
        String cpuArchitecture,
        boolean assignPublicIp,
        int maxInFlight,
        double runTaskPerSecond,
        int runTaskBurst,
        int apiMaxAttempts,
        int runTaskMaxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Map<EcsSetting, SourcedValue> sources) {

    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./+=,@-]*");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");
    private static final List<String> ARCHITECTURES = List.of("X86_64", "ARM64");

    public EcsSettings {
        ecsTaskSubnetIds = List.copyOf(ecsTaskSubnetIds);
        sources = Map.copyOf(sources);
    }

    /** Parses and validates every value; each error names key, value, source and what is valid. */
    static EcsSettings from(Map<EcsSetting, SourcedValue> values) {
        Map<EcsSetting, SourcedValue> all = new EnumMap<>(values);
        for (EcsSetting setting : EcsSetting.values()) {
            if (!all.containsKey(setting) || all.get(setting).text().isBlank()) {
                if (setting.defaultValue().isEmpty()) {
                    throw new InvalidSettingException(setting.key() + " is required (" + setting.description()
                            + "): set it in the builder (" + setting.camelName() + "), in the config file's"
                            + " [executors.ecs] section, or deploy the stack that outputs " + setting.outputKey());
                }
                all.putIfAbsent(setting, new SourcedValue(setting.defaultValue().get(), "default"));
            }
        }
        Reader r = new Reader(all);
        List<String> subnets = Arrays.stream(r.text(EcsSetting.ECS_TASK_SUBNET_ID).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String subnet : subnets) {
            if (!SUBNET.matcher(subnet).matches()) {
                throw InvalidSettingException.of(EcsSetting.ECS_TASK_SUBNET_ID, all.get(EcsSetting.ECS_TASK_SUBNET_ID),
                        "'" + subnet + "' is not a subnet id; expected subnet- followed by 8 or 17 hex digits,"
                                + " comma-separated when several");
            }
        }
        String architecture = r.text(EcsSetting.CPU_ARCHITECTURE).toUpperCase(java.util.Locale.ROOT);
        if (!ARCHITECTURES.contains(architecture)) {
            throw InvalidSettingException.of(EcsSetting.CPU_ARCHITECTURE, all.get(EcsSetting.CPU_ARCHITECTURE),
                    "one of " + ARCHITECTURES);
        }
        String override = r.text(EcsSetting.ECR_REGISTRY_OVERRIDE).trim();
        return new EcsSettings(
                Path.of(expandHome(r.text(EcsSetting.CREDENTIALS))),
                r.matching(EcsSetting.PROFILE, NAME, "a profile name"),
                r.matching(EcsSetting.REGION, REGION, "a region name such as us-east-1"),
                r.matching(EcsSetting.S3_BUCKET_NAME, BUCKET, "an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)"),
                r.matching(EcsSetting.ECR_REPO_NAME, NAME, "an ECR repository name"),
                r.matching(EcsSetting.ECS_CLUSTER_NAME, NAME, "an ECS cluster name"),
                r.matching(EcsSetting.ECS_TASK_FAMILY_NAME, NAME, "a task definition family name"),
                r.matching(EcsSetting.ECS_TASK_EXECUTION_ROLE_NAME, NAME, "an IAM role name"),
                r.matching(EcsSetting.ECS_TASK_ROLE_NAME, NAME, "an IAM role name"),
                subnets,
                r.matching(EcsSetting.ECS_TASK_SECURITY_GROUP_ID, SECURITY_GROUP,
                        "a security group id: sg- followed by 8 or 17 hex digits"),
                r.matching(EcsSetting.ECS_TASK_LOG_GROUP_NAME, NAME, "a CloudWatch log group name"),
                FargateSize.of(all.get(EcsSetting.VCPU), all.get(EcsSetting.MEMORY)),
                r.seconds(EcsSetting.POLL_FREQ, 0.05, 3600),
                Path.of(expandHome(r.text(EcsSetting.CACHE_DIR))),
                r.matching(EcsSetting.STACK_NAME, Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}"), "a CloudFormation stack name"),
                override.isEmpty() ? Optional.empty()
                        : Optional.of(r.matching(EcsSetting.ECR_REGISTRY_OVERRIDE, HOST_PORT, "host or host:port of a registry")),
                r.matching(EcsSetting.BASE_IMAGE, Pattern.compile("\\S+"), "an image reference, best by digest"),
                r.bool(EcsSetting.FARGATE_SPOT),
                architecture,
                r.bool(EcsSetting.ASSIGN_PUBLIC_IP),
                (int) r.number(EcsSetting.MAX_IN_FLIGHT, 1, 100_000),
                r.number(EcsSetting.RUN_TASK_PER_SECOND, 0.1, 100),
                (int) r.number(EcsSetting.RUN_TASK_BURST, 1, 1000),
                (int) r.number(EcsSetting.API_MAX_ATTEMPTS, 1, 20),
                (int) r.number(EcsSetting.RUN_TASK_MAX_ATTEMPTS, 1, 20),
                r.seconds(EcsSetting.RETRY_BASE_DELAY, 0.001, 600),
                r.seconds(EcsSetting.RETRY_MAX_DELAY, 0.001, 3600),
                all);
    }

    /** The image repository the client pushes to: the override registry when set, else ECR itself. */
    String pushRegistry(String ecrRegistry) {
        return ecrRegistryOverride.orElse(ecrRegistry);
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    /** Typed reads of raw values, each failing with the setting's own message. */
    private record Reader(Map<EcsSetting, SourcedValue> values) {
        String text(EcsSetting setting) {
            return values.get(setting).text();
        }

        String matching(EcsSetting setting, Pattern pattern, String whatIsValid) {
            String value = text(setting).trim();
            if (!pattern.matcher(value).matches()) {
                throw InvalidSettingException.of(setting, values.get(setting), whatIsValid);
            }
            return value;
        }

        double number(EcsSetting setting, double min, double max) {
            double value;
            try {
                value = new BigDecimal(text(setting).trim()).doubleValue();
            } catch (NumberFormatException e) {
                throw InvalidSettingException.of(setting, values.get(setting), "a number from " + min + " to " + max);
            }
            boolean whole = setting.kind() == EcsSetting.Kind.INTEGER;
            if (value < min || value > max || (whole && value != Math.rint(value))) {
                throw InvalidSettingException.of(setting, values.get(setting),
                        (whole ? "a whole number" : "a number") + " from " + plain(min) + " to " + plain(max));
            }
            return value;
        }

        Duration seconds(EcsSetting setting, double min, double max) {
            return Duration.ofNanos((long) (number(setting, min, max) * 1e9));
        }

        boolean bool(EcsSetting setting) {
            String value = text(setting).trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw InvalidSettingException.of(setting, values.get(setting), "true or false");
            }
            return Boolean.parseBoolean(value);
        }

        private static String plain(double v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
