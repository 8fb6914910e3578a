package io.ecslattice.executor.ecs;

import io.ecslattice.config.Check;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.Setting;
import io.ecslattice.config.SettingType;
import io.ecslattice.config.SettingsTable;
import io.ecslattice.wire.TaskEnvironment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;


/**
 * The one declaration of the ECS executor's settings: every key of DESIGN.md §3 with its documented
 * default, plus ours (CONTRACTS.md). The builder, the config file, the stack outputs and
 * {@code config show} all derive from it; adding a setting is one line here and one field in {@link EcsSettings}.
 */
public final class EcsSettingsTable {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_./+=,@-]*";
    // The patterns and lengths ECS, ECR, IAM and CloudWatch Logs accept (their API references); a name outside
    // them passes here only to fail at the first AWS call. The family leaves room for "-<16 hex digits>".
    private static final String ECS_NAME = "[A-Za-z0-9_-]{1,255}";
    private static final String FAMILY_PREFIX = "[A-Za-z0-9_-]{1,238}";
    private static final String IAM_ROLE_NAME = "[A-Za-z0-9_+=,.@-]{1,64}";
    private static final String ECR_REPOSITORY = "(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
    private static final String LOG_GROUP = "[.\\-_/#A-Za-z0-9]{1,512}";

    public static final Setting<Path> CREDENTIALS = Setting.of("credentials", SettingType.PATH, Path.of(home(".aws/credentials")),
            "shared credentials file; the SDK's default chain when absent");
    public static final Setting<String> PROFILE = text("profile", "default", NAME, "a profile name", "profile in the credentials file");
    public static final Setting<String> REGION = text("region", "us-east-1", "[a-z]{2}(-[a-z]+)+-\\d+",
            "a region name such as us-east-1", "AWS region of the stack");
    public static final Setting<String> S3_BUCKET_NAME = text("s3_bucket_name", "covalent-fargate-task-resources",
            "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)",
            "bucket for task specs and results");
    public static final Setting<String> ECR_REPO_NAME = text("ecr_repo_name", "covalent-fargate-task-images", ECR_REPOSITORY,
            "an ECR repository name (2-256 lowercase letters and digits, separated by . _ - or /)", "ECR repository for task images");
    public static final Setting<String> ECS_CLUSTER_NAME = text("ecs_cluster_name", "covalent-fargate-cluster", ECS_NAME,
            "an ECS cluster name (up to 255 letters, digits, _ and -)", "ECS cluster the tasks run in");
    public static final Setting<String> ECS_TASK_FAMILY_NAME = text("ecs_task_family_name", "covalent-fargate-tasks", FAMILY_PREFIX,
            "a task definition family prefix (up to 238 letters, digits, _ and -; 17 more are the content hash)", "prefix of the task definition families (<name>-<content hash>)");
    public static final Setting<String> ECS_TASK_EXECUTION_ROLE_NAME = text("ecs_task_execution_role_name",
            "ecsTaskExecutionRole", IAM_ROLE_NAME, "an IAM role name (up to 64 letters, digits and _+=,.@-)", "role the ECS agent pulls images and ships logs with");
    public static final Setting<String> ECS_TASK_ROLE_NAME = text("ecs_task_role_name", "CovalentFargateTaskRole", IAM_ROLE_NAME,
            "an IAM role name (up to 64 letters, digits and _+=,.@-)", "role the task's code runs as");
    public static final Setting<List<String>> ECS_TASK_SUBNET_ID = Setting.required("ecs_task_subnet_id",
                    SettingType.STRING_LIST, "subnet id(s) for the tasks, comma-separated")
            .checkedBy(subnets -> subnets.isEmpty() ? "has no subnet id"
                    : subnets.stream().filter(s -> !s.matches("subnet-[0-9a-f]{8,17}")).findFirst()
                    .map(s -> "holds '" + s + "', not a subnet id: expected subnet- and 8 or 17 hex digits").orElse(null));
    public static final Setting<String> ECS_TASK_SECURITY_GROUP_ID = Setting.required("ecs_task_security_group_id",
                    SettingType.STRING, "security group id for the tasks")
            .checkedBy(Check.matches("sg-[0-9a-f]{8,17}", "a security group id: sg- and 8 or 17 hex digits"));
    public static final Setting<String> ECS_TASK_LOG_GROUP_NAME = text("ecs_task_log_group_name", "covalent-fargate-task-logs",
            LOG_GROUP, "a CloudWatch log group name (up to 512 letters, digits and . - _ / #)", "CloudWatch log group of the tasks' output");
    public static final Setting<BigDecimal> VCPU = Setting.of("vcpu", SettingType.DECIMAL, new BigDecimal("0.25"),
            "vCPUs per task; with memory a valid Fargate pair").checkedBy(Check.oneOfNumbers("a Fargate CPU value", FargateSize.cpus()));
    public static final Setting<BigDecimal> MEMORY = Setting.of("memory", SettingType.DECIMAL, new BigDecimal("0.5"),
            "memory per task in GB").checkedBy(Check.positive());
    public static final Setting<BigDecimal> POLL_FREQ = Setting.of("poll_freq", SettingType.DECIMAL, BigDecimal.TEN,
            "seconds between DescribeTasks polls").checkedBy(Check.positive());
    public static final Setting<Path> CACHE_DIR = Setting.of("cache_dir", SettingType.PATH, Path.of("/tmp/covalent"),
            "where image-build state is remembered");
    public static final Setting<String> STACK_NAME = text("stack_name", "EcsLatticeStack", "[A-Za-z][A-Za-z0-9-]{0,127}",
            "a CloudFormation stack name", "stack whose outputs fill in unset settings");
    public static final Setting<Path> STACK_OUTPUTS_FILE = Setting.of("stack_outputs_file", SettingType.PATH,
            Path.of("cdk-outputs.json"), "cdk deploy --outputs-file JSON, read before DescribeStacks");
    public static final Setting<String> ECR_REGISTRY_OVERRIDE = Setting.of("ecr_registry_override", SettingType.STRING,
                    (String) null, "host:port of a registry serving ECR's data plane (the local cloud's)")
            .checkedBy(Check.matches("[A-Za-z0-9.-]+(:\\d{1,5})?", "host or host:port"));
    // Docker Hub allows anonymous clients 10 pulls an hour per IP; ECR Public mirrors its library images without
    // that limit. Named by tag: a digest pinned here could not be checked against the image it names (one was found to
    // be another image's); the first build resolves the tag and records the digest under cache_dir (BaseImages), so
    // task images stay reproducible (their tag hashes the digest).
    public static final String DEFAULT_BASE_IMAGE = "public.ecr.aws/docker/library/eclipse-temurin:17-jre";
    public static final Setting<String> BASE_IMAGE = text("base_image", DEFAULT_BASE_IMAGE, "\\S+",
            "an image reference", "JRE 17+ image the task image is built on; a tag is resolved to a digest at the first build");
    public static final Setting<List<String>> IMAGE_INCLUDE = Setting.of("image_include", SettingType.STRING_LIST, List.<String>of(),
                    "group:artifact patterns (* matches any text) of jars the task image keeps though only the client uses them")
            .checkedBy(patterns -> patterns.stream().filter(p -> !p.matches("[^:\\s]+:[^:\\s]+")).findFirst()
                    .map(p -> "holds '" + p + "', not a group:artifact pattern such as com.google.guava:guava or software.amazon.awssdk:*")
                    .orElse(null));
    public static final Setting<Boolean> FARGATE_SPOT = Setting.of("fargate_spot", SettingType.BOOLEAN, false,
            "run on the FARGATE_SPOT capacity provider");
    public static final Setting<String> CPU_ARCHITECTURE = Setting.of("cpu_architecture", SettingType.oneOf("X86_64", "ARM64"),
            "X86_64", "task CPU architecture (ARM64 needs a multi-platform base image)");
    public static final Setting<Boolean> ASSIGN_PUBLIC_IP = Setting.of("assign_public_ip", SettingType.BOOLEAN, true,
            "give tasks a public IP (public subnets without NAT need it to pull images)");
    public static final Setting<Integer> MAX_IN_FLIGHT = integer("max_in_flight", 500, 100_000, "tasks running at once per executor");
    public static final Setting<BigDecimal> RUN_TASK_PER_SECOND = Setting.of("run_task_per_second", SettingType.DECIMAL,
                    BigDecimal.valueOf(20), "client-side RunTask rate limit (ECS allows 20/s sustained)")
            .checkedBy(v -> v.signum() > 0 && v.compareTo(BigDecimal.valueOf(100)) <= 0 ? null : "must be above 0 and at most 100");
    // "The rate quota for calls to the Amazon ECS RunTask API is 20 calls per second (burst and sustained)" (Amazon ECS
    // Developer Guide, "AWS Fargate throttling quotas", RunTask throttling on Fargate); the 100-token bucket there is for
    // tasks launched, which RunTask's 10 tasks a call reach at 20 calls.
    public static final Setting<Integer> RUN_TASK_BURST = integer("run_task_burst", 20, 1000,
            "RunTask calls sent at once before the rate applies (Fargate allows a burst of 20)");
    public static final Setting<Integer> API_MAX_ATTEMPTS = integer("api_max_attempts", 8, 20, "attempts per AWS call on throttling and 5xx answers");
    public static final Setting<Integer> RUN_TASK_MAX_ATTEMPTS = integer("run_task_max_attempts", 6, 20,
            "RunTask attempts while ECS answers with capacity failures");
    public static final Setting<BigDecimal> RETRY_BASE_DELAY = Setting.of("retry_base_delay", SettingType.DECIMAL, BigDecimal.ONE,
            "seconds before the first retry; doubles each retry, with full jitter").checkedBy(Check.positive());
    public static final Setting<BigDecimal> RETRY_MAX_DELAY = Setting.of("retry_max_delay", SettingType.DECIMAL, BigDecimal.valueOf(30),
            "ceiling of one retry delay in seconds").checkedBy(Check.positive());
    public static final Setting<java.util.SortedMap<String, String>> ENV = Setting.of("env", SettingType.STRING_MAP,
                    (java.util.SortedMap<String, String>) new java.util.TreeMap<String, String>(),
                    "environment variables of every task (plain text, in the task definition); an electron's .env(...) wins")
            .checkedBy(env -> TaskEnvironment.problem(env, java.util.Map.of()).orElse(null));
    public static final Setting<java.util.SortedMap<String, String>> SECRETS = Setting.of("secrets", SettingType.STRING_MAP,
                    (java.util.SortedMap<String, String>) new java.util.TreeMap<String, String>(),
                    "environment variables filled from Secrets Manager secret or SSM parameter ARNs (task definition secrets)")
            .checkedBy(secrets -> TaskEnvironment.problem(java.util.Map.of(), secrets).orElse(null));

    public static final Setting<String> MODE = Setting.of("mode", SettingType.oneOf("task", "pool"), "task",
            "task: one Fargate task per electron; pool: warm worker tasks fed by an SQS queue");
    public static final Setting<Integer> POOL_MIN_WORKERS = count("pool_min_workers", 0, 0, 1000,
            "pool workers kept running while a client of the pool lives");
    public static final Setting<Integer> POOL_MAX_WORKERS = count("pool_max_workers", 10, 1, 1000,
            "most pool workers of one shape and code version running at once");
    public static final Setting<Integer> POOL_IDLE_SECONDS = count("pool_idle_seconds", 60, 1, 86_400,
            "a pool worker without work for this long exits, so an idle pool costs nothing");
    public static final Setting<Integer> WORKER_CONCURRENCY = count("worker_concurrency", 1, 1, 64,
            "electrons one pool worker runs at once (in one JVM)");
    public static final Setting<Integer> TASK_MAX_ATTEMPTS = count("task_max_attempts", 3, 1, 100,
            "deliveries of one pool electron before it is dead-lettered and its node fails");
    public static final Setting<Integer> POOL_VISIBILITY_SECONDS = count("pool_visibility_seconds", 30, 2, 43_200,
            "seconds before a dead worker's electron is delivered again; running ones are kept invisible");
    public static final Setting<BigDecimal> FARGATE_VCPU_HOUR_PRICE = price("fargate_vcpu_hour_price", "0.04048",
            "USD per vCPU-hour (Linux/X86_64, us-east-1), for cost estimates");
    public static final Setting<BigDecimal> FARGATE_GB_HOUR_PRICE = price("fargate_gb_hour_price", "0.004445",
            "USD per GB-hour (Linux/X86_64, us-east-1), for cost estimates");
    public static final Setting<BigDecimal> FARGATE_ARM_VCPU_HOUR_PRICE = price("fargate_arm_vcpu_hour_price", "0.03238",
            "USD per vCPU-hour (Linux/ARM64, us-east-1), for cost estimates");
    public static final Setting<BigDecimal> FARGATE_ARM_GB_HOUR_PRICE = price("fargate_arm_gb_hour_price", "0.00356",
            "USD per GB-hour (Linux/ARM64, us-east-1), for cost estimates");
    // Amazon VPC pricing: $0.005 an hour per public IPv4 address in use (since February 2024), which a task in a public
    // subnet holds while it runs: +40 % on the default 0.25 vCPU / 0.5 GB task.
    public static final Setting<BigDecimal> PUBLIC_IPV4_HOUR_PRICE = price("public_ipv4_hour_price", "0.005",
            "USD per hour of a task's public IPv4 address (assign_public_ip), for cost estimates");

    /** Settings the deployed stack provides as outputs (CONTRACTS.md). */
    public static final List<Setting<?>> FROM_STACK = List.of(REGION, S3_BUCKET_NAME, ECR_REPO_NAME, ECS_CLUSTER_NAME,
            ECS_TASK_FAMILY_NAME, ECS_TASK_EXECUTION_ROLE_NAME, ECS_TASK_ROLE_NAME, ECS_TASK_SUBNET_ID,
            ECS_TASK_SECURITY_GROUP_ID, ECS_TASK_LOG_GROUP_NAME, ASSIGN_PUBLIC_IP);

    public static final SettingsTable TABLE = new SettingsTable("executor type ecs", List.of(
            CREDENTIALS, PROFILE, REGION, S3_BUCKET_NAME, ECR_REPO_NAME, ECS_CLUSTER_NAME, ECS_TASK_FAMILY_NAME,
            ECS_TASK_EXECUTION_ROLE_NAME, ECS_TASK_ROLE_NAME, ECS_TASK_SUBNET_ID, ECS_TASK_SECURITY_GROUP_ID,
            ECS_TASK_LOG_GROUP_NAME, VCPU, MEMORY, POLL_FREQ, CACHE_DIR, STACK_NAME, STACK_OUTPUTS_FILE,
            ECR_REGISTRY_OVERRIDE, BASE_IMAGE, IMAGE_INCLUDE, FARGATE_SPOT, CPU_ARCHITECTURE, ASSIGN_PUBLIC_IP, MAX_IN_FLIGHT,
            RUN_TASK_PER_SECOND, RUN_TASK_BURST, API_MAX_ATTEMPTS, RUN_TASK_MAX_ATTEMPTS, RETRY_BASE_DELAY, RETRY_MAX_DELAY,
            ENV, SECRETS, MODE, POOL_MIN_WORKERS, POOL_MAX_WORKERS, POOL_IDLE_SECONDS, WORKER_CONCURRENCY, TASK_MAX_ATTEMPTS,
            POOL_VISIBILITY_SECONDS, FARGATE_VCPU_HOUR_PRICE, FARGATE_GB_HOUR_PRICE, FARGATE_ARM_VCPU_HOUR_PRICE,
            FARGATE_ARM_GB_HOUR_PRICE, PUBLIC_IPV4_HOUR_PRICE),
            List.of(FargateSize::problem, FargateSize::spotProblem, EcsSettingsTable::envProblem));

    private EcsSettingsTable() {
    }

    /** A name in both {@code env} and {@code secrets}: ECS would set one of them, so it is refused. */
    private static String envProblem(ResolvedSettings settings) {
        return TaskEnvironment.problem(settings.get(ENV), settings.get(SECRETS)).orElse(null);
    }

    private static Setting<String> text(String key, String defaultValue, String regex, String shape, String description) {
        return Setting.of(key, SettingType.STRING, defaultValue, description).checkedBy(Check.matches(regex, shape));
    }

    private static Setting<Integer> integer(String key, int defaultValue, int max, String description) {
        return Setting.of(key, SettingType.INTEGER, defaultValue, description)
                .checkedBy(v -> v >= 1 && v <= max ? null : "must be a whole number from 1 to " + max);
    }

    private static Setting<Integer> count(String key, int defaultValue, int min, int max, String description) {
        return Setting.of(key, SettingType.INTEGER, defaultValue, description)
                .checkedBy(v -> v >= min && v <= max ? null : "must be a whole number from " + min + " to " + max);
    }

    private static Setting<BigDecimal> price(String key, String defaultValue, String description) {
        return Setting.of(key, SettingType.DECIMAL, new BigDecimal(defaultValue), description).checkedBy(Check.positive());
    }

    private static String home(String relative) {
        return Path.of(System.getProperty("user.home"), relative).toString();
    }

}
