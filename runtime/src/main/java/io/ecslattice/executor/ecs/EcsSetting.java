package io.ecslattice.executor.ecs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of ECS executor settings: every key of DESIGN.md §3 with its documented default, plus
 * ours. The builder, the config-file reader, the stack-output reader and {@code config show} all derive
 * from it, so adding a setting is one line here and one field in {@link EcsSettings}.
 */
public enum EcsSetting {
    CREDENTIALS("~/.aws/credentials", Kind.TEXT, false, "shared credentials file; the SDK's default chain when absent"),
    PROFILE("default", Kind.TEXT, false, "profile in the credentials file"),
    REGION("us-east-1", Kind.TEXT, true, "AWS region of the stack"),
    S3_BUCKET_NAME("covalent-fargate-task-resources", Kind.TEXT, true, "bucket for task specs and results"),
    ECR_REPO_NAME("covalent-fargate-task-images", Kind.TEXT, true, "ECR repository for task images"),
    ECS_CLUSTER_NAME("covalent-fargate-cluster", Kind.TEXT, true, "ECS cluster the tasks run in"),
    ECS_TASK_FAMILY_NAME("covalent-fargate-tasks", Kind.TEXT, true, "prefix of the task definition families"),
    ECS_TASK_EXECUTION_ROLE_NAME("ecsTaskExecutionRole", Kind.TEXT, true, "role the ECS agent pulls and logs with"),
    ECS_TASK_ROLE_NAME("CovalentFargateTaskRole", Kind.TEXT, true, "role the task's container runs with"),
    ECS_TASK_SUBNET_ID(null, Kind.LIST, true, "subnet id(s) for the tasks, comma-separated"),
    ECS_TASK_SECURITY_GROUP_ID(null, Kind.TEXT, true, "security group id for the tasks"),
    ECS_TASK_LOG_GROUP_NAME("covalent-fargate-task-logs", Kind.TEXT, true, "CloudWatch log group of the tasks"),
    VCPU("0.25", Kind.DECIMAL, false, "vCPUs per task; with memory a valid Fargate pair"),
    MEMORY("0.5", Kind.DECIMAL, false, "memory per task in GB"),
    POLL_FREQ("10", Kind.DECIMAL, false, "seconds between DescribeTasks polls"),
    CACHE_DIR("/tmp/covalent", Kind.TEXT, false, "where image-build state is remembered"),
    STACK_NAME("EcsLatticeStack", Kind.TEXT, false, "CloudFormation stack whose outputs fill in unset keys"),
    STACK_OUTPUTS_FILE("cdk-outputs.json", Kind.TEXT, false, "cdk deploy --outputs-file JSON, read before DescribeStacks"),
    ECR_REGISTRY_OVERRIDE("", Kind.TEXT, false, "host:port of a registry serving ECR's data plane (local cloud)"),
    BASE_IMAGE("eclipse-temurin:17-jre", Kind.TEXT, false, "JRE 17+ image the task image is built on; refer by digest"),
    FARGATE_SPOT("false", Kind.BOOLEAN, false, "run on the FARGATE_SPOT capacity provider"),
    CPU_ARCHITECTURE("X86_64", Kind.TEXT, false, "X86_64 or ARM64 (ARM64 needs a multi-platform base image)"),
    ASSIGN_PUBLIC_IP("true", Kind.BOOLEAN, false, "give tasks a public IP (public subnets without NAT)"),
    MAX_IN_FLIGHT("500", Kind.INTEGER, false, "tasks running at once per executor"),
    RUN_TASK_PER_SECOND("20", Kind.DECIMAL, false, "client-side RunTask rate limit (ECS allows 20/s sustained)"),
    RUN_TASK_BURST("100", Kind.INTEGER, false, "RunTask calls allowed at once before the rate applies"),
    API_MAX_ATTEMPTS("8", Kind.INTEGER, false, "attempts per AWS call on throttling and 5xx answers"),
    RUN_TASK_MAX_ATTEMPTS("6", Kind.INTEGER, false, "RunTask attempts when ECS answers with capacity failures"),
    RETRY_BASE_DELAY("1", Kind.DECIMAL, false, "seconds before the first retry; doubles each retry, with jitter"),
    RETRY_MAX_DELAY("30", Kind.DECIMAL, false, "ceiling of one retry delay in seconds");

    /** How a raw value (TOML scalar, builder argument, stack output string) is read. */
    public enum Kind { TEXT, LIST, DECIMAL, INTEGER, BOOLEAN }

    private static final Map<String, EcsSetting> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EcsSetting::key, Function.identity()));

    private final String defaultValue;
    private final Kind kind;
    private final boolean fromStack;
    private final String description;

    EcsSetting(String defaultValue, Kind kind, boolean fromStack, String description) {
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.fromStack = fromStack;
        this.description = description;
    }

    /** The snake_case key of the config file, e.g. {@code s3_bucket_name}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The camelCase name the builder uses, e.g. {@code s3BucketName}. */
    public String camelName() {
        String upper = outputKey();
        return Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
    }

    /** The stack output key (CONTRACTS.md): the key in UpperCamelCase, e.g. {@code S3BucketName}. */
    public String outputKey() {
        return Arrays.stream(key().split("_"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    /** The documented default as text; empty when the setting has none and must be given. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the deployed stack provides this setting as an output. */
    public boolean fromStack() {
        return fromStack;
    }

    public String description() {
        return description;
    }

    /** The setting for a snake_case or camelCase key. */
    public static Optional<EcsSetting> byKey(String key) {
        EcsSetting setting = BY_KEY.get(key);
        if (setting != null) {
            return Optional.of(setting);
        }
        return Arrays.stream(values()).filter(s -> s.camelName().equals(key)).findFirst();
    }
}
