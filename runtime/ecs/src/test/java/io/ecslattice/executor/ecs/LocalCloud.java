package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.fail;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local cloud as the tests see it (CONTRACTS.md): its env file, its config section (registry
 * override, offline base image) and the deployed stack's outputs file. Fails with what to run when a
 * piece is missing. When the test JVM was not started with the env file sourced, the AWS settings are
 * passed to the SDK as system properties, which it reads like the environment.
 */
public final class LocalCloud {
    private static final Map<String, String> SDK_PROPERTIES = Map.of(
            "AWS_ENDPOINT_URL", "aws.endpointUrl",
            "AWS_REGION", "aws.region",
            "AWS_ACCESS_KEY_ID", "aws.accessKeyId",
            "AWS_SECRET_ACCESS_KEY", "aws.secretAccessKey");

    final Path stateDir;
    final Map<String, String> env;
    final Path outputsFile;

    private LocalCloud(Path stateDir, Map<String, String> env, Path outputsFile) {
        this.stateDir = stateDir;
        this.env = env;
        this.outputsFile = outputsFile;
    }

    public static LocalCloud require() {
        String dir = System.getenv("ECS_LATTICE_LOCAL_CLOUD_DIR");
        Path state = Path.of(dir == null || dir.isBlank() ? "/tmp/ecs-lattice-local-cloud" : dir);
        Path envFile = state.resolve("env");
        if (!Files.isRegularFile(envFile)) {
            fail("local cloud not up: run make local-cloud-up (no " + envFile + ")");
        }
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(envFile)) {
                String assignment = line.strip().replaceFirst("^export\\s+", "");
                int eq = assignment.indexOf('=');
                if (!assignment.startsWith("#") && eq > 0) {
                    env.put(assignment.substring(0, eq), assignment.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SDK_PROPERTIES.forEach((variable, property) -> {
            if (System.getenv(variable) == null && env.containsKey(variable)) {
                System.setProperty(property, env.get(variable));
            }
        });
        Path outputs = repositoryRoot().resolve("cdk-outputs.json");
        if (!Files.isRegularFile(outputs)) {
            fail("stack not deployed into the local cloud: run make deploy-local (no " + outputs + ")");
        }
        return new LocalCloud(state, env, outputs);
    }

    /** The local cloud's {@code [executors.ecs]} section: registry override and offline base image. */
    Map<String, Object> configSection() {
        return ConfigFile.load(stateDir.resolve("config.toml")).executorSection("ecs");
    }

    /** An executor configured from the stack outputs and the local cloud's section, polling fast for tests. */
    public EcsExecutorBuilder executor(Path cacheDir) {
        return EcsExecutor.builder()
                .configSection(configSection(), ConfigSource.configFile(stateDir.resolve("config.toml").toString(), "executors.ecs"))
                .stackOutputsFile(outputsFile.toString())
                .cacheDir(cacheDir.toString())
                .pollFreq(0.5);
    }

    /** The tests' own AWS clients for the local cloud, shared by every test of the JVM as SDK clients are meant to be. */
    private static AwsClients clients;

    /**
     * ECS calls of the test's own for the cluster and task settings of {@code settings}, on clients apart from any
     * executor's, so the executor's {@link EcsExecutor#awsCalls()} count only its own calls.
     */
    static synchronized EcsTasks ecsTasks(EcsSettings settings) {
        if (clients == null) {
            clients = AwsClients.forSettings(settings, AwsCallCounter.create());
        }
        return new EcsTasks(clients.ecs(), settings, new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay()));
    }

    /**
     * Stops a task as Fargate's data plane would report it (moto has no API for that): through the local cloud's
     * control endpoint, with the stop code, reason and container exit code given.
     */
    public void stopTask(String taskArn, String stopCode, String stoppedReason, int exitCode) throws Exception {
        String body = io.ecslattice.wire.Wire.mapper().writeValueAsString(Map.of("taskArn", taskArn, "stopCode", stopCode,
                "stoppedReason", stoppedReason, "exitCode", exitCode, "reason", stoppedReason));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(env.get("AWS_ENDPOINT_URL") + "/_local-cloud/ecs/tasks/stopped"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("the control endpoint did not stop " + taskArn + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("Makefile"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("cannot find the repository root (a directory with a Makefile) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
