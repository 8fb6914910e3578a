package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private final AtomicInteger awsUses = new AtomicInteger();

    private EcsSettings resolve(Map<String, ?> builder, Map<String, ?> config) {
        return EcsSettingsResolver.resolve(builder, config, "config file test.toml [executors.ecs]",
                (stack, file, clients) -> {
                    awsUses.incrementAndGet();
                    return Optional.of(new StackOutputs(Map.of(
                            "EcsTaskSubnetId", "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
                            "EcsTaskSecurityGroupId", "sg-0123456789abcdef0",
                            "S3BucketName", "stack-bucket"), "stack test outputs"));
                },
                early -> {
                    awsUses.incrementAndGet();
                    return null;
                });
    }

    private InvalidSettingException rejected(Map<String, ?> builder, Map<String, ?> config) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> resolve(builder, config));
        assertEquals(0, awsUses.get(), "no AWS call before validation fails: " + e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
        "vcpu|0.3|is not valid: a Fargate CPU value; valid: 0.25, 0.5, 1, 2, 4, 8, 16",
        "memory|3|Fargate memory (GB) for vcpu=0.25; valid: 0.5, 1, 2",
        "poll_freq|0|a number from 0.05 to 3600",
        "poll_freq|-5|a number from 0.05 to 3600",
        "cpu_architecture|ARM|one of [X86_64, ARM64]",
        "ecs_task_subnet_id|subnet-xyz|'subnet-xyz' is not a subnet id",
        "ecs_task_security_group_id|group-1|a security group id: sg- followed by 8 or 17 hex digits",
        "region|mars|a region name such as us-east-1",
        "s3_bucket_name|Bad_Bucket|an S3 bucket name",
        "fargate_spot|maybe|true or false",
        "max_in_flight|2.5|a whole number from 1 to 100000",
        "api_max_attempts|0|a whole number from 1 to 20",
    })
    void eachInvalidValueIsRejectedBeforeAnyAwsCall(String key, String value, String expected) {
        InvalidSettingException e = rejected(Map.of(), Map.of(key, value));
        assertTrue(e.getMessage().startsWith(key + "=" + value + " (from config file test.toml [executors.ecs])"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void builderValuesAreNamedAsSuch() {
        InvalidSettingException e = rejected(Map.of("vcpu", 16, "memory", 31), Map.of());
        assertEquals("memory=31 (from builder) is not valid: Fargate memory (GB) for vcpu=16; valid: 32, 40, 48, 56, 64, 72,"
                + " 80, 88, 96, 104, 112, 120", e.getMessage());
    }

    @Test
    void unknownKeyIsRejectedWithTheValidKeys() {
        InvalidSettingException e = rejected(Map.of(), Map.of("vpcu", "1"));
        assertTrue(e.getMessage().startsWith("unknown ECS executor setting 'vpcu' (from config file test.toml"), e.getMessage());
        assertTrue(e.getMessage().contains("vcpu, memory, poll_freq"), e.getMessage());
    }

    @Test
    void missingSubnetWithoutStackSaysWhereToSetIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> EcsSettingsResolver.resolve(
                Map.of(), Map.of(), "config", (stack, file, clients) -> Optional.empty(), early -> null));
        assertTrue(e.getMessage().startsWith("ecs_task_subnet_id is required"), e.getMessage());
        assertTrue(e.getMessage().contains("no stack named EcsLatticeStack was found"), e.getMessage());
    }

    @Test
    void precedenceIsBuilderThenConfigThenStackThenDefault() {
        EcsSettings settings = resolve(Map.of("vcpu", 1, "memory", 2), Map.of("vcpu", 0.5, "memory", 1,
                "ecs_cluster_name", "from-config", "poll_freq", 2));
        assertEquals(new FargateSize(1024, 2048), settings.size());
        assertEquals("builder", settings.sources().get(EcsSetting.VCPU).source());
        assertEquals("from-config", settings.ecsClusterName());
        assertEquals("stack-bucket", settings.s3BucketName());
        assertEquals("stack test outputs", settings.sources().get(EcsSetting.S3_BUCKET_NAME).source());
        assertEquals(List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"), settings.ecsTaskSubnetIds());
        assertEquals("covalent-fargate-task-images", settings.ecrRepoName());
        assertEquals("default", settings.sources().get(EcsSetting.ECR_REPO_NAME).source());
        assertEquals(Duration.ofSeconds(2), settings.pollFreq());
        assertFalse(settings.fargateSpot());
    }

    @Test
    void documentedDefaultsApplyWhenNoStackIsDeployed() {
        EcsSettings settings = EcsSettingsResolver.resolve(Map.of(), Map.of("ecs_task_subnet_id", List.of("subnet-12345678"),
                "ecs_task_security_group_id", "sg-12345678"), "config", (stack, file, clients) -> Optional.empty(), early -> null);
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
        assertEquals(java.nio.file.Path.of("/tmp/covalent"), settings.cacheDir());
        assertEquals("default", settings.profile());
        assertEquals(java.nio.file.Path.of(System.getProperty("user.home"), ".aws/credentials"), settings.credentials());
    }

    @Test
    void stackIsNotReadWhenEveryStackKeyIsGiven() {
        Map<String, Object> all = new HashMap<>();
        for (EcsSetting setting : EcsSetting.values()) {
            if (setting.fromStack()) {
                all.put(setting.key(), setting.defaultValue().orElse(""));
            }
        }
        all.put("ecs_task_subnet_id", "subnet-12345678");
        all.put("ecs_task_security_group_id", "sg-12345678");
        EcsSettings settings = resolve(all, Map.of());
        assertEquals(0, awsUses.get());
        assertEquals("sg-12345678", settings.ecsTaskSecurityGroupId());
    }
}
