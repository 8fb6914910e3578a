package io.ecslattice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration machinery, on a table shaped like the ECS executor's. */
class ConfigResolverTest {

    static final Setting<BigDecimal> VCPU = Setting.of("vcpu", SettingType.DECIMAL, new BigDecimal("0.25"), "vCPUs")
            .checkedBy(Check.oneOfNumbers("a Fargate CPU value", List.of(new BigDecimal("0.25"), new BigDecimal("0.5"),
                    BigDecimal.ONE, new BigDecimal(2), new BigDecimal(4), new BigDecimal(8), new BigDecimal(16))));
    static final Setting<String> BUCKET = Setting.of("s3_bucket_name", SettingType.STRING, "covalent-fargate-task-resources", "bucket");
    static final Setting<String> SUBNET = Setting.required("ecs_task_subnet_id", SettingType.STRING, "subnet")
            .checkedBy(Check.matches("subnet-[0-9a-f]+", "a subnet id (subnet- followed by hex digits)"));
    static final Setting<Integer> POLL = Setting.of("poll_freq", SettingType.INTEGER, 10, "seconds").checkedBy(Check.positiveInteger())
            .fromEnv("TEST_POLL_FREQ");
    static final Setting<Boolean> SPOT = Setting.of("fargate_spot", SettingType.BOOLEAN, false, "spot");
    static final Setting<String> ARCH = Setting.of("cpu_architecture", SettingType.oneOf("X86_64", "ARM64"), "X86_64", "arch");
    static final SettingsTable TABLE = new SettingsTable("executor type ecs", List.of(VCPU, BUCKET, SUBNET, POLL, SPOT, ARCH),
            List.of(s -> s.get(VCPU).compareTo(BigDecimal.ONE) > 0 && s.get(SPOT)
                    ? "vcpu=" + s.get(VCPU) + " (" + s.entry("vcpu").source() + ") with fargate_spot=true is not allowed here" : null));

    @TempDir
    Path dir;

    private ConfigFile file(String toml) throws Exception {
        Path path = dir.resolve("config.toml");
        Files.writeString(path, toml);
        return ConfigFile.load(path);
    }

    private static SettingsLayer stack(Map<String, Object> outputs) {
        return new SettingsLayer(ConfigSource.stackOutputs("EcsLatticeStack (cdk-outputs.json)"), outputs, false);
    }

    @Test
    void precedenceIsBuilderThenEnvironmentThenFileThenStackOutputsThenDefault() throws Exception {
        ConfigFile file = file("""
                [executors.ecs]
                vcpu = 0.5
                poll_freq = 7
                ecs_task_subnet_id = "subnet-0f00"
                """);
        ResolvedSettings settings = ConfigResolver.resolve(TABLE, List.of(
                SettingsLayer.builder(Map.of("fargateSpot", true)),
                SettingsLayer.environment(TABLE, Map.of("TEST_POLL_FREQ", "3")),
                file.executorLayer("ecs"),
                stack(Map.of("S3BucketName", "from-stack", "EcsTaskSubnetId", "subnet-0aaa", "ClientPolicyArn", "arn:x"))));

        assertEquals(true, settings.get(SPOT));
        assertEquals(ConfigSource.Kind.BUILDER, settings.entry("fargate_spot").source().kind());
        assertEquals(3, settings.get(POLL));
        assertEquals("env TEST_POLL_FREQ", settings.entry("poll_freq").source().toString());
        assertEquals(new BigDecimal("0.5"), settings.get(VCPU));
        assertEquals(dir.resolve("config.toml") + " [executors.ecs]", settings.entry("vcpu").source().toString());
        assertEquals("subnet-0f00", settings.get(SUBNET));
        assertEquals("from-stack", settings.get(BUCKET));
        assertEquals(ConfigSource.Kind.STACK_OUTPUTS, settings.entry("s3_bucket_name").source().kind());
        assertEquals("X86_64", settings.get(ARCH));
        assertEquals(ConfigSource.Kind.DEFAULT, settings.entry("cpu_architecture").source().kind());
        String shown = settings.render();
        assertTrue(shown.matches("(?s).*s3_bucket_name +=  ?from-stack +\\(stack outputs.*"), shown);
        assertTrue(shown.contains("(stack outputs EcsLatticeStack (cdk-outputs.json))"), shown);
    }

    @Test
    void invalidValueNamesKeyValueWhatIsValidAndWhereItCameFrom() throws Exception {
        ConfigFile file = file("[executors.ecs]\nvcpu = 0.3\necs_task_subnet_id = \"subnet-1\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE, List.of(file.executorLayer("ecs"))));
        assertEquals("vcpu=0.3 is not a Fargate CPU value; valid: 0.25, 0.5, 1, 2, 4, 8, 16 (from "
                + dir.resolve("config.toml") + " [executors.ecs])", e.getMessage());
    }

    @Test
    void malformedNumberIsReportedWithExpectedType() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE,
                List.of(SettingsLayer.builder(Map.of("pollFreq", "often", "ecsTaskSubnetId", "subnet-1")))));
        assertEquals("poll_freq=often is not valid: expected an integer (from builder)", e.getMessage());
    }

    @Test
    void nonPositivePollFrequencyIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE,
                List.of(SettingsLayer.environment(TABLE, Map.of("TEST_POLL_FREQ", "0")), SettingsLayer.builder(Map.of("ecsTaskSubnetId", "subnet-1")))));
        assertEquals("poll_freq=0 must be a positive integer (from env TEST_POLL_FREQ)", e.getMessage());
    }

    @Test
    void badIdShapeIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE,
                List.of(stack(Map.of("EcsTaskSubnetId", "sg-123")))));
        assertTrue(e.getMessage().startsWith("ecs_task_subnet_id=sg-123 does not look like a subnet id"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(from stack outputs EcsLatticeStack (cdk-outputs.json))"), e.getMessage());
    }

    @Test
    void wordOutsideItsSetIsRejectedListingTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE,
                List.of(SettingsLayer.builder(Map.of("cpu_architecture", "sparc", "ecsTaskSubnetId", "subnet-1")))));
        assertEquals("cpu_architecture=sparc is not valid: valid: X86_64, ARM64 (from builder)", e.getMessage());
    }

    @Test
    void missingRequiredSettingSaysWhereToSetIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE, List.of()));
        assertTrue(e.getMessage().startsWith("ecs_task_subnet_id is required for executor type ecs"), e.getMessage());
        assertTrue(e.getMessage().contains("stack output EcsTaskSubnetId"), e.getMessage());
    }

    @Test
    void unknownKeyInConfigFileIsRejectedListingValidKeys() throws Exception {
        ConfigFile file = file("[executors.ecs]\nvcpus = 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE, List.of(file.executorLayer("ecs"))));
        assertTrue(e.getMessage().startsWith("unknown setting 'vcpus' for executor type ecs (from " + dir.resolve("config.toml")), e.getMessage());
        assertTrue(e.getMessage().contains("valid keys: vcpu, s3_bucket_name"), e.getMessage());
    }

    @Test
    void crossCheckRunsAfterEachValuePassed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(TABLE,
                List.of(SettingsLayer.builder(Map.of("vcpu", 2, "fargateSpot", "true", "ecsTaskSubnetId", "subnet-1")))));
        assertEquals("vcpu=2 (builder) with fargate_spot=true is not allowed here", e.getMessage());
    }

    @Test
    void malformedTomlNamesTheFile() throws Exception {
        Path path = dir.resolve("config.toml");
        Files.writeString(path, "[executors.ecs\nvcpu = ");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.load(path));
        assertTrue(e.getMessage().startsWith("cannot read config file " + path), e.getMessage());
    }

    @Test
    void configFilePathComesFromEnvironmentThenXdgThenHome() {
        assertEquals(Path.of("/x/c.toml"), ConfigFile.defaultPath(Map.of("ECS_LATTICE_CONFIG", "/x/c.toml", "XDG_CONFIG_HOME", "/y")));
        assertEquals(Path.of("/y/ecs-lattice/config.toml"), ConfigFile.defaultPath(Map.of("XDG_CONFIG_HOME", "/y")));
        assertEquals(Path.of(System.getProperty("user.home"), ".config", "ecs-lattice", "config.toml"), ConfigFile.defaultPath(Map.of()));
    }

    @Test
    void runtimeSettingsPutTheStoreUnderTheDataDirUnlessGiven() throws Exception {
        ConfigFile file = file("[runtime]\ndata_dir = \"/data/el\"\nlease_seconds = 5\n");
        ResolvedSettings fromFile = RuntimeSettings.resolve(Map.of(), Map.of(), file);
        assertEquals(Path.of("/data/el/results.db"), RuntimeSettings.resultsDb(fromFile));
        assertEquals(5, fromFile.get(RuntimeSettings.LEASE_SECONDS));
        ResolvedSettings fromEnv = RuntimeSettings.resolve(Map.of(), Map.of("ECS_LATTICE_DB", "/tmp/x.db"), file);
        assertEquals(Path.of("/tmp/x.db"), RuntimeSettings.resultsDb(fromEnv));
        assertEquals("env ECS_LATTICE_DB", fromEnv.entry("results_db").source().toString());
    }
}
