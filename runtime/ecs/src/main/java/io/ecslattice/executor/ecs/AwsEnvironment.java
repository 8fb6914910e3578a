package io.ecslattice.executor.ecs;

import io.ecslattice.config.ConfigSource;
import io.ecslattice.config.SettingsLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * What the AWS CLI and the CDK CLI read besides our own settings, so that {@code make deploy} and a dispatch act on
 * the same account and region: {@code AWS_PROFILE}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, and the profile's {@code region} in {@code ~/.aws/config}.
 * A profile set in the builder or the config file is used to the exclusion of environment keys, as the CLI's
 * {@code --profile} is; {@code AWS_PROFILE} is not: environment keys win over it, as in the CLI.
 *
 * @param variables the process environment
 * @param home      the user's home directory, where {@code .aws/} lives
 */
record AwsEnvironment(Map<String, String> variables, Path home) {
    static final String DEFAULT_PROFILE = "default";

    AwsEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment and home. */
    static AwsEnvironment system() {
        return new AwsEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
    Path configFile() {
        return variable("AWS_CONFIG_FILE").map(Path::of).orElse(home.resolve(".aws/config"));
    }

    /**
     * Settings layers, highest precedence first, that go below the builder and the config file: the profile from
     * {@code AWS_PROFILE}, the credentials file from {@code AWS_SHARED_CREDENTIALS_FILE}, the region from
     * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, then the profile's region in the config file.
     *
     * @param givenProfile the profile set in the builder or the config file, if any
     */
    List<SettingsLayer> layers(Optional<String> givenProfile) {
        List<SettingsLayer> layers = new ArrayList<>();
        Optional<String> profileVariable = Stream.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
                .filter(name -> variable(name).isPresent()).findFirst();
        profileVariable.ifPresent(name -> layers.add(layer(name, EcsSettingsTable.PROFILE.key(), variable(name).get())));
        variable("AWS_SHARED_CREDENTIALS_FILE").ifPresent(f -> layers.add(layer("AWS_SHARED_CREDENTIALS_FILE",
                EcsSettingsTable.CREDENTIALS.key(), f)));
        for (String name : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            variable(name).ifPresent(r -> layers.add(layer(name, EcsSettingsTable.REGION.key(), r)));
        }
        String profile = givenProfile.or(() -> profileVariable.flatMap(this::variable)).orElse(DEFAULT_PROFILE);
        profileRegion(profile).ifPresent(r -> layers.add(new SettingsLayer(ConfigSource.environment(
                "region of profile " + profile + " in " + configFile()), Map.of(EcsSettingsTable.REGION.key(), r), false)));
        return layers;
    }

    /** The {@code region} of a profile in the config file, else in the credentials file (the CLIs read both). */
    Optional<String> profileRegion(String profile) {
        return Stream.of(configFile(), credentialsFile())
                .flatMap(file -> profileFile(file, file.equals(configFile()) ? ProfileFile.Type.CONFIGURATION
                        : ProfileFile.Type.CREDENTIALS).stream())
                .flatMap(file -> file.profile(profile).flatMap(p -> p.property("region")).stream())
                .filter(r -> !r.isBlank()).findFirst();
    }

    /**
     * The credentials of resolved settings, in the CLI's order: a profile given in the builder or config file;
     * else the environment's keys; else the profile ({@code AWS_PROFILE} or {@code default}) when a file has it;
     * else the SDK's default chain (container or instance role, web identity).
     */
    AwsCredentialsProvider credentials(EcsSettings settings) {
        ConfigSource.Kind profileFrom = settings.resolved().entry(EcsSettingsTable.PROFILE.key()).source().kind();
        boolean givenProfile = profileFrom == ConfigSource.Kind.BUILDER || profileFrom == ConfigSource.Kind.CONFIG_FILE;
        Optional<String> key = variable("AWS_ACCESS_KEY_ID");
        Optional<String> secret = variable("AWS_SECRET_ACCESS_KEY");
        if (!givenProfile && key.isPresent() && secret.isPresent()) {
            return StaticCredentialsProvider.create(variable("AWS_SESSION_TOKEN")
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(key.get(), secret.get(), t))
                    .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get())));
        }
        boolean defaultFile = settings.resolved().entry(EcsSettingsTable.CREDENTIALS.key()).source().kind() == ConfigSource.Kind.DEFAULT;
        ProfileFile profiles = profiles(defaultFile ? credentialsFile() : settings.credentials());
        if (profiles.profile(settings.profile()).isPresent()) {
            return ProfileCredentialsProvider.builder().profileFile(profiles).profileName(settings.profile()).build();
        }
        return DefaultCredentialsProvider.builder().profileName(settings.profile()).build();
    }

    /** {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}. */
    private Path credentialsFile() {
        return variable("AWS_SHARED_CREDENTIALS_FILE").map(Path::of).orElse(home.resolve(".aws/credentials"));
    }

    /**
     * The config file and the credentials file as the CLIs read them: a role profile in the config file may take its
     * keys from a source profile in the credentials file. The credentials file comes first, as in the SDK's own
     * default profile file.
     */
    private ProfileFile profiles(Path credentialsFile) {
        ProfileFile.Aggregator aggregate = ProfileFile.aggregator();
        profileFile(credentialsFile, ProfileFile.Type.CREDENTIALS).ifPresent(aggregate::addFile);
        profileFile(configFile(), ProfileFile.Type.CONFIGURATION).ifPresent(aggregate::addFile);
        return aggregate.build();
    }

    private static Optional<ProfileFile> profileFile(Path file, ProfileFile.Type type) {
        return Files.isRegularFile(file) ? Optional.of(ProfileFile.builder().content(file).type(type).build()) : Optional.empty();
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    private static SettingsLayer layer(String variable, String key, String value) {
        return new SettingsLayer(ConfigSource.environment(variable), Map.of(key, value), false);
    }
}
