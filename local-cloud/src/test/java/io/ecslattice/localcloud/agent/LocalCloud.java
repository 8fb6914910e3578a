package io.ecslattice.localcloud.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The running local cloud as tests see it: its environment file and the deployed stack's outputs.
 * Fails with what to run when either is missing.
 */
record LocalCloud(Map<String, String> env, Map<String, String> outputs) {
    static LocalCloud running() {
        Path state = Path.of(System.getenv().getOrDefault("ECS_LATTICE_LOCAL_CLOUD_DIR", "/tmp/ecs-lattice-local-cloud"));
        Path envFile = state.resolve("env");
        if (!Files.exists(envFile)) {
            throw new IllegalStateException("local cloud not up: run make local-cloud-up (no " + envFile + ")");
        }
        Path outputsFile = repoRoot().resolve("cdk-outputs.json");
        if (!Files.exists(outputsFile)) {
            throw new IllegalStateException("stack not deployed into the local cloud: run make deploy-local (no "
                    + outputsFile + ")");
        }
        try {
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(envFile)) {
                if (line.startsWith("export ")) {
                    String pair = line.substring("export ".length());
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            JsonNode stack = new ObjectMapper().readTree(outputsFile.toFile()).path("EcsLatticeStack");
            Map<String, String> outputs = new HashMap<>();
            stack.fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
            return new LocalCloud(Map.copyOf(env), Map.copyOf(outputs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create(env.get("AWS_ENDPOINT_URL"));
    }

    URI dockerHost() {
        return URI.create(env.get("DOCKER_HOST"));
    }

    String output(String key) {
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalStateException("cdk-outputs.json has no " + key + "; run make deploy-local");
        }
        return value;
    }

    /** The base image reference from $STATE/config.toml. */
    String baseImage() {
        return configValue("base_image");
    }

    /** host:port of the local registry, from $STATE/config.toml. */
    String registry() {
        return configValue("ecr_registry_override");
    }

    private String configValue(String key) {
        Path config = Path.of(env.get("ECS_LATTICE_CONFIG"));
        try {
            return Files.readAllLines(config).stream().filter(l -> l.startsWith(key + " "))
                    .map(l -> l.substring(l.indexOf('"') + 1, l.lastIndexOf('"'))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + key + " in " + config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
