package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecslattice.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account and region are chosen as the AWS CLI and the CDK CLI choose them, so {@code make deploy} and a dispatch
 * act on the same ones: temporary {@code ~/.aws} files and a given environment, no AWS call.
 */
class AwsEnvironmentTest {
    private static final ConfigSource CONFIG = ConfigSource.configFile("test.toml", "executors.ecs");
    @TempDir
    Path home;
    private final Map<String, String> env = new HashMap<>();
    private String stackRegion;

    @BeforeEach
    void awsFiles() throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), """
                [default]
                aws_access_key_id = AKIADEFAULT
                aws_secret_access_key = default-secret
                [dev]
                aws_access_key_id = AKIADEV
                aws_secret_access_key = dev-secret
                """);
        Files.writeString(home.resolve(".aws/config"), """
                [default]
                region = eu-central-1
                [profile dev]
                region = eu-west-2
                """);
    }

    private EcsSettings resolve(Map<String, Object> configSection) {
        Map<String, String> outputs = new HashMap<>(Map.of("EcsTaskSubnetId", "subnet-0123456789abcdef0",
                "EcsTaskSecurityGroupId", "sg-0123456789abcdef0"));
        if (stackRegion != null) {
            outputs.put("Region", stackRegion);
        }
        return EcsSettingsResolver.resolve(Map.of(), configSection, CONFIG, new AwsEnvironment(env, home),
                (stack, file, clients) -> Optional.of(new StackOutputs(outputs, "TestStack (test)")), early -> null);
    }

    private String accessKey(EcsSettings settings) {
        return new AwsEnvironment(env, home).credentials(settings).resolveCredentials().accessKeyId();
    }

    @Test
    void awsProfileWinsOverTheDefaultProfileOfTheCredentialsFile() {
        env.put("AWS_PROFILE", "dev");
        EcsSettings settings = resolve(Map.of());
        assertEquals("dev", settings.profile());
        assertEquals("env AWS_PROFILE", settings.source("profile"));
        assertEquals("AKIADEV", accessKey(settings));
    }

    @Test
    void environmentKeysWinOverTheDefaultProfileAndOverAwsProfile() {
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_PROFILE", "dev"));
        assertEquals("AKIAENV", accessKey(resolve(Map.of())));
    }

    @Test
    void profileInTheConfigFileWinsOverEnvironmentKeysAsTheCliProfileFlagDoes() {
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret"));
        EcsSettings settings = resolve(Map.of("profile", "dev"));
        assertEquals("AKIADEV", accessKey(settings));
        assertEquals("eu-west-2", settings.region(), "the given profile's region");
    }

    @Test
    void withNothingSetTheDefaultProfileAndItsRegionAreUsed() {
        stackRegion = "ap-south-1";
        EcsSettings settings = resolve(Map.of());
        assertEquals("AKIADEFAULT", accessKey(settings));
        assertEquals("eu-central-1", settings.region());
        assertEquals("env region of profile default in " + home.resolve(".aws/config"), settings.source("region"));
    }

    @Test
    void regionPrecedenceIsAwsRegionThenAwsDefaultRegionThenTheProfilesRegion() {
        env.putAll(Map.of("AWS_PROFILE", "dev", "AWS_DEFAULT_REGION", "us-west-1", "AWS_REGION", "us-west-2"));
        assertEquals("us-west-2", resolve(Map.of()).region());
        assertEquals("env AWS_REGION", resolve(Map.of()).source("region"));
        env.remove("AWS_REGION");
        assertEquals("us-west-1", resolve(Map.of()).region());
        env.remove("AWS_DEFAULT_REGION");
        assertEquals("eu-west-2", resolve(Map.of()).region());
    }

    @Test
    void regionInTheConfigFileWinsOverTheEnvironment() {
        env.put("AWS_REGION", "us-west-2");
        EcsSettings settings = resolve(Map.of("region", "sa-east-1"));
        assertEquals("sa-east-1", settings.region());
        assertEquals("test.toml [executors.ecs]", settings.source("region"));
    }

    @Test
    void withoutAnyAwsFileOrVariableTheStacksRegionThenTheDefaultApply() throws IOException {
        Files.delete(home.resolve(".aws/config"));
        stackRegion = "ap-south-1";
        assertEquals("ap-south-1", resolve(Map.of()).region());
        stackRegion = null;
        assertEquals("us-east-1", resolve(Map.of()).region());
    }

    @Test
    void awsConfigFileAndSharedCredentialsFileVariablesMoveTheFiles() throws IOException {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("config"), "[profile ci]\nregion = ca-central-1\n");
        Files.writeString(elsewhere.resolve("credentials"), "[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = s\n");
        env.putAll(Map.of("AWS_CONFIG_FILE", elsewhere.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("credentials").toString(), "AWS_PROFILE", "ci"));
        EcsSettings settings = resolve(Map.of());
        assertEquals("ca-central-1", settings.region());
        assertEquals("AKIACI", accessKey(settings));
    }
}
