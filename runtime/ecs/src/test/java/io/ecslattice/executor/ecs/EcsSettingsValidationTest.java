package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.config.ConfigException;
import io.ecslattice.config.ConfigSource;
import io.ecslattice.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad setting fails with a message naming key, value, source and what is valid, and it fails
 * before any AWS call: the stack reader and the AWS client factory given here count their uses.
 */
class EcsSettingsValidationTest {
    private static final ConfigSource CONFIG = ConfigSource.configFile("test.toml", "executors.ecs");
    private static final AwsEnvironment NO_AWS_ENVIRONMENT = new AwsEnvironment(Map.of(), Path.of("/nonexistent"));
    private final AtomicInteger awsUses = new AtomicInteger();

    private EcsSettings resolve(Map<String, Object> builder, Map<String, Object> config) {
        return EcsSettingsResolver.resolve(builder, config, CONFIG, NO_AWS_ENVIRONMENT,
                (stack, file, clients) -> {
                    awsUses.incrementAndGet();
                    return Optional.of(new StackOutputs(Map.of(
                            "EcsTaskSubnetId", "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
                            "EcsTaskSecurityGroupId", "sg-0123456789abcdef0",
                            "S3BucketName", "stack-bucket", "ClientPolicyArn", "arn:aws:iam::1:policy/p"), "TestStack (test)"));
                },
                early -> {
                    awsUses.incrementAndGet();
                    return null;
                });
    }

    private ConfigException rejected(Map<String, Object> builder, Map<String, Object> config) {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(builder, config));
        assertEquals(0, awsUses.get(), "no AWS call before validation fails: " + e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
        "vcpu|0.3|vcpu=0.3 is not a Fargate CPU value; valid: 0.25, 0.5, 1, 2, 4, 8, 16 (from test.toml [executors.ecs])",
        "memory|3|memory=3 (from test.toml [executors.ecs]) is not Fargate memory (GB) for vcpu=0.25; valid: 0.5, 1, 2",
        "poll_freq|0|poll_freq=0 must be positive (from test.toml [executors.ecs])",
        "poll_freq|-5|poll_freq=-5 must be positive (from test.toml [executors.ecs])",
        "poll_freq|often|poll_freq=often is not valid: expected a number (from test.toml [executors.ecs])",
        "cpu_architecture|ARM|cpu_architecture=ARM is not valid: valid: X86_64, ARM64 (from test.toml [executors.ecs])",
        "ecs_task_subnet_id|subnet-xyz|ecs_task_subnet_id=subnet-xyz holds 'subnet-xyz', not a subnet id: expected subnet- and 8 or 17 hex digits",
        "ecs_task_security_group_id|group-1|ecs_task_security_group_id=group-1 does not look like a security group id",
        "region|mars|region=mars does not look like a region name such as us-east-1",
        "s3_bucket_name|Bad_Bucket|s3_bucket_name=Bad_Bucket does not look like an S3 bucket name",
        "fargate_spot|maybe|fargate_spot=maybe is not valid: expected true or false",
        "max_in_flight|0|max_in_flight=0 must be a whole number from 1 to 100000",
        "api_max_attempts|50|api_max_attempts=50 must be a whole number from 1 to 20",
        "ecr_registry_override|http://x|ecr_registry_override=http://x does not look like host or host:port",
        "ecs_task_family_name|my.tasks|ecs_task_family_name=my.tasks does not look like a task definition family prefix",
        "ecs_cluster_name|team/cluster|ecs_cluster_name=team/cluster does not look like an ECS cluster name",
        "ecr_repo_name|Task-Images|ecr_repo_name=Task-Images does not look like an ECR repository name",
        "ecs_task_log_group_name|task logs|ecs_task_log_group_name=task logs does not look like a CloudWatch log group name",
    })
    void eachInvalidValueIsRejectedBeforeAnyAwsCall(String key, String value, String expected) {
        ConfigException e = rejected(Map.of(), Map.of(key, value));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertTrue(e.getMessage().contains("test.toml [executors.ecs]"), "names the source: " + e.getMessage());
    }

    @Test
    void familyPrefixLongerThanEcsAllowsWithTheContentHashIsRejected() {
        ConfigException e = rejected(Map.of(), Map.of("ecs_task_family_name", "f".repeat(239)));
        assertTrue(e.getMessage().contains("up to 238 letters"), e.getMessage());
    }

    @Test
    void roleNameOver64CharactersIsRejected() {
        ConfigException e = rejected(Map.of(), Map.of("ecs_task_role_name", "r".repeat(65)));
        assertTrue(e.getMessage().contains("an IAM role name (up to 64"), e.getMessage());
    }

    @Test
    void fargateSpotWithArm64IsRejectedBecauseSpotHasNoArm64Capacity() {
        ConfigException e = rejected(Map.of("fargate_spot", true), Map.of("cpu_architecture", "ARM64"));
        assertEquals("Fargate Spot does not run ARM64 tasks: spot with cpu_architecture=ARM64; use X86_64 or drop Spot "
                + "(fargate_spot from builder, cpu_architecture from test.toml [executors.ecs])", e.getMessage());
    }

    @Test
    void builderValuesAreNamedAsSuch() {
        ConfigException e = rejected(Map.of("vcpu", 16, "memory", 31), Map.of());
        assertEquals("memory=31 (from builder) is not Fargate memory (GB) for vcpu=16; valid: 32, 40, 48, 56, 64, 72,"
                + " 80, 88, 96, 104, 112, 120", e.getMessage());
    }

    @Test
    void unknownKeyIsRejectedWithTheValidKeys() {
        ConfigException e = rejected(Map.of(), Map.of("vpcu", "1"));
        assertTrue(e.getMessage().startsWith("unknown setting 'vpcu' for executor type ecs (from test.toml [executors.ecs])"),
                e.getMessage());
        assertTrue(e.getMessage().contains("vcpu, memory, poll_freq"), e.getMessage());
    }

    @Test
    void missingSubnetWithoutStackSaysWhereToSetIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> EcsSettingsResolver.resolve(
                Map.of(), Map.of(), CONFIG, NO_AWS_ENVIRONMENT, (stack, file, clients) -> Optional.empty(), early -> null));
        assertTrue(e.getMessage().startsWith("ecs_task_subnet_id is required"), e.getMessage());
        assertTrue(e.getMessage().contains("no stack named EcsLatticeStack was found"), e.getMessage());
    }

    @Test
    void precedenceIsBuilderThenConfigThenStackThenDefault() {
        EcsSettings settings = resolve(Map.of("vcpu", 1, "memory", 2), Map.of("vcpu", 0.5, "memory", 1,
                "ecs_cluster_name", "from-config", "poll_freq", 2));
        assertEquals(new FargateSize(1024, 2048), settings.size());
        assertEquals("builder", settings.source("vcpu"));
        assertEquals("from-config", settings.ecsClusterName());
        assertEquals("test.toml [executors.ecs]", settings.source("ecs_cluster_name"));
        assertEquals("stack-bucket", settings.s3BucketName());
        assertEquals("stack outputs TestStack (test)", settings.source("s3_bucket_name"));
        assertEquals(List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"), settings.ecsTaskSubnetIds());
        assertEquals("covalent-fargate-task-images", settings.ecrRepoName());
        assertEquals("default", settings.source("ecr_repo_name"));
        assertEquals(Duration.ofSeconds(2), settings.pollFreq());
        assertFalse(settings.fargateSpot());
    }

    @Test
    void documentedDefaultsApplyWhenNoStackIsDeployed() {
        EcsSettings settings = EcsSettingsResolver.resolve(Map.of(), Map.of("ecs_task_subnet_id", List.of("subnet-12345678"),
                "ecs_task_security_group_id", "sg-12345678"), CONFIG, NO_AWS_ENVIRONMENT, (stack, file, clients) -> Optional.empty(), early -> null);
        assertEquals("us-east-1", settings.region());
        assertEquals("covalent-fargate-task-resources", settings.s3BucketName());
        assertEquals("covalent-fargate-task-images", settings.ecrRepoName());
        assertEquals("covalent-fargate-cluster", settings.ecsClusterName());
        assertEquals("covalent-fargate-tasks", settings.ecsTaskFamilyName());
        assertEquals("ecsTaskExecutionRole", settings.ecsTaskExecutionRoleName());
        assertEquals("CovalentFargateTaskRole", settings.ecsTaskRoleName());
        assertEquals("covalent-fargate-task-logs", settings.ecsTaskLogGroupName());
        assertEquals(new FargateSize(256, 512), settings.size());
        assertEquals(Duration.ofSeconds(10), settings.pollFreq());
        assertEquals(Path.of("/tmp/covalent"), settings.cacheDir());
        assertEquals("default", settings.profile());
        assertEquals(Path.of(System.getProperty("user.home"), ".aws/credentials"), settings.credentials());
        // By tag: the first build resolves it to a digest and records it (BaseImageLocalCloudTest).
        assertEquals("public.ecr.aws/docker/library/eclipse-temurin:17-jre", settings.baseImage(),
                "the default base comes from ECR Public (no Docker Hub pull limit), named by tag");
        assertEquals(Optional.empty(), settings.ecrRegistryOverride());
    }

    @Test
    void stackIsNotReadWhenEveryStackSettingIsGiven() {
        Map<String, Object> all = new HashMap<>();
        for (Setting<?> setting : EcsSettingsTable.FROM_STACK) {
            if (setting.defaultValue() != null) {
                all.put(setting.key(), setting.format(setting.defaultValue()));
            }
        }
        all.put("ecs_task_subnet_id", "subnet-12345678");
        all.put("ecs_task_security_group_id", "sg-12345678");
        EcsSettings settings = resolve(all, Map.of());
        assertEquals(0, awsUses.get());
        assertEquals("sg-12345678", settings.ecsTaskSecurityGroupId());
    }

    @Test
    void everyStackOutputMapsToASetting() {
        List<String> outputs = EcsSettingsTable.FROM_STACK.stream().map(Setting::outputKey).toList();
        assertEquals(List.of("Region", "S3BucketName", "EcrRepoName", "EcsClusterName", "EcsTaskFamilyName",
                "EcsTaskExecutionRoleName", "EcsTaskRoleName", "EcsTaskSubnetId", "EcsTaskSecurityGroupId",
                "EcsTaskLogGroupName", "AssignPublicIp"), outputs);
    }

    @Test
    void privateStackSaysTasksMustNotAskForAPublicIp() {
        EcsSettings settings = EcsSettingsResolver.resolve(Map.of(), Map.of(), CONFIG, NO_AWS_ENVIRONMENT,
                (stack, file, clients) -> Optional.of(new StackOutputs(Map.of("EcsTaskSubnetId", "subnet-12345678",
                        "EcsTaskSecurityGroupId", "sg-12345678", "AssignPublicIp", "false"), "Private (test)")), early -> null);
        assertFalse(settings.assignPublicIp(), "isolated subnets: no public IP");
        assertEquals("stack outputs Private (test)", settings.source("assign_public_ip"));
    }

    @Test
    void envAndSecretsTablesAreReadAndABadNameOrArnIsRefusedBeforeAnyAwsCall() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        EcsSettings settings = resolve(Map.of(), Map.of("env", Map.of("MODE", "prod"), "secrets", Map.of("DB_PASSWORD", arn)));
        assertEquals(Map.of("MODE", "prod"), settings.env());
        assertEquals(Map.of("DB_PASSWORD", arn), settings.secrets());
        awsUses.set(0);

        String badArn = rejected(Map.of(), Map.of("secrets", Map.of("DB_PASSWORD", "db-password"))).getMessage();
        assertTrue(badArn.contains("'db-password'") && badArn.contains("arn:aws:ssm:<region>:<account>:parameter/<name>")
                && badArn.contains("test.toml"), badArn);
        String badName = rejected(Map.of(), Map.of("env", Map.of("MY-VAR", "x"))).getMessage();
        assertTrue(badName.contains("'MY-VAR'"), badName);
        String both = rejected(Map.of(), Map.of("env", Map.of("DB_PASSWORD", "x"), "secrets", Map.of("DB_PASSWORD", arn))).getMessage();
        assertTrue(both.contains("DB_PASSWORD is both"), both);
    }
}
