package io.ecslattice.executor.ecs;

import static io.ecslattice.executor.ecs.EcsSettingsTable.*;

import io.ecslattice.config.ResolvedSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The resolved, validated settings of one ECS executor (see {@link EcsSettingsTable} for what each
 * means), typed for the code that uses them; {@link #resolved()} keeps each value's source for
 * {@code config show} and messages.
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
        Path stackOutputsFile,
        Optional<String> ecrRegistryOverride,
        String baseImage,
        List<String> imageInclude,
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
        Pool pool,
        FargatePrices prices,
        BigDecimal publicIpv4HourPrice,
        ResolvedSettings resolved) {

    /**
     * The pool mode's settings.
     *
     * @param enabled        {@code mode = "pool"}
     * @param minWorkers     workers kept up while a client lives
     * @param maxWorkers     most workers of one shape and code version at once
     * @param idle           a worker without work this long exits
     * @param concurrency    electrons a worker runs at once
     * @param maxAttempts    deliveries before an electron is dead-lettered
     * @param visibility     how long a received electron stays hidden from other workers between keep-alives
     */
    public record Pool(boolean enabled, int minWorkers, int maxWorkers, Duration idle, int concurrency, int maxAttempts,
                       Duration visibility) {
    }

    public EcsSettings {
        ecsTaskSubnetIds = List.copyOf(ecsTaskSubnetIds);
        imageInclude = List.copyOf(imageInclude);
    }

    /** The typed view of settings the table already validated. */
    static EcsSettings of(ResolvedSettings r) {
        return new EcsSettings(r.get(CREDENTIALS), r.get(PROFILE), r.get(REGION), r.get(S3_BUCKET_NAME), r.get(ECR_REPO_NAME),
                r.get(ECS_CLUSTER_NAME), r.get(ECS_TASK_FAMILY_NAME), r.get(ECS_TASK_EXECUTION_ROLE_NAME), r.get(ECS_TASK_ROLE_NAME),
                r.get(ECS_TASK_SUBNET_ID), r.get(ECS_TASK_SECURITY_GROUP_ID), r.get(ECS_TASK_LOG_GROUP_NAME),
                FargateSize.of(r.get(VCPU), r.get(MEMORY)), seconds(r.get(POLL_FREQ)), r.get(CACHE_DIR), r.get(STACK_NAME),
                r.get(STACK_OUTPUTS_FILE), Optional.ofNullable(r.get(ECR_REGISTRY_OVERRIDE)).filter(s -> !s.isBlank()),
                r.get(BASE_IMAGE), r.get(IMAGE_INCLUDE), r.get(FARGATE_SPOT), r.get(CPU_ARCHITECTURE), r.get(ASSIGN_PUBLIC_IP), r.get(MAX_IN_FLIGHT),
                r.get(RUN_TASK_PER_SECOND).doubleValue(), r.get(RUN_TASK_BURST), r.get(API_MAX_ATTEMPTS),
                r.get(RUN_TASK_MAX_ATTEMPTS), seconds(r.get(RETRY_BASE_DELAY)), seconds(r.get(RETRY_MAX_DELAY)),
                new Pool("pool".equals(r.get(MODE)), r.get(POOL_MIN_WORKERS), r.get(POOL_MAX_WORKERS),
                        Duration.ofSeconds(r.get(POOL_IDLE_SECONDS)), r.get(WORKER_CONCURRENCY), r.get(TASK_MAX_ATTEMPTS),
                        Duration.ofSeconds(r.get(POOL_VISIBILITY_SECONDS))),
                "ARM64".equals(r.get(CPU_ARCHITECTURE))
                        ? new FargatePrices(r.get(FARGATE_ARM_VCPU_HOUR_PRICE), r.get(FARGATE_ARM_GB_HOUR_PRICE))
                        : new FargatePrices(r.get(FARGATE_VCPU_HOUR_PRICE), r.get(FARGATE_GB_HOUR_PRICE)),
                r.get(PUBLIC_IPV4_HOUR_PRICE), r);
    }

    /** Environment variables every task of this executor gets ({@code env}), by name. */
    public java.util.SortedMap<String, String> env() {
        return resolved.get(ENV);
    }

    /** Secrets every task of this executor gets ({@code secrets}): environment variable name to ARN. */
    public java.util.SortedMap<String, String> secrets() {
        return resolved.get(SECRETS);
    }

    /** Where a setting's value came from, e.g. {@code builder} or {@code stack outputs EcsLatticeStack (cdk-outputs.json)}. */
    public String source(String key) {
        return resolved.entry(key).source().toString();
    }

    /** The image repository the client pushes to: the override registry when set, else ECR itself. */
    String pushRegistry(String ecrRegistry) {
        return ecrRegistryOverride.orElse(ecrRegistry);
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofNanos(seconds.multiply(BigDecimal.valueOf(1_000_000_000L)).longValue());
    }
}
