package io.ecslattice.localcloud.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's settings, read from its command line.
 *
 * @param stateDir       where the agent keeps the ARNs of the tasks it started
 * @param endpoint       moto's URL (ECS, CloudWatch Logs and the control endpoint)
 * @param taskEndpoint   the AWS endpoint the task containers get ({@code AWS_ENDPOINT_URL}); {@code endpoint}
 *                       unless set, e.g. a proxy that counts the tasks' own calls apart from their clients'
 * @param region         the region the agent serves
 * @param dockerHost     the engine's socket, e.g. unix:///tmp/ecs-lattice-local-cloud/docker.sock
 * @param registry       host:port of the registry that stands in for ECR's data plane
 * @param maxRunning     how many tasks run at once; the rest wait PROVISIONING, as on a full Fargate
 * @param pollPeriod     how often the agent asks ECS for new and stopped tasks
 * @param stopTimeout    how long a stopped container gets between SIGTERM and SIGKILL, unless its
 *                       container definition says (ECS's default is 30 s)
 * @param readyFile      touched after the first successful poll, so `up` knows the agent works
 */
public record AgentOptions(Path stateDir, URI endpoint, URI taskEndpoint, String region, URI dockerHost, String registry,
                           int maxRunning, Duration pollPeriod, Duration stopTimeout, Path readyFile) {

    private static final Set<String> KEYS = Set.of("--state-dir", "--endpoint", "--task-endpoint", "--region", "--docker-host",
            "--registry", "--max-running", "--poll-millis", "--stop-timeout-seconds", "--ready-file");

    public AgentOptions {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("--max-running=" + maxRunning + " must be at least 1");
        }
    }

    /** Parses `--key value` pairs; unknown keys and missing values are usage errors. */
    public static AgentOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KEYS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument " + args[i] + "; valid: " + KEYS + " each with a value");
            }
            values.put(args[i], args[i + 1]);
        }
        Path state = Path.of(values.getOrDefault("--state-dir", "/tmp/ecs-lattice-local-cloud"));
        String endpoint = values.getOrDefault("--endpoint", "http://127.0.0.1:4566");
        return new AgentOptions(state,
                URI.create(endpoint),
                URI.create(values.getOrDefault("--task-endpoint", endpoint)),
                values.getOrDefault("--region", "us-east-1"),
                URI.create(values.getOrDefault("--docker-host", "unix://" + state.resolve("docker.sock"))),
                values.getOrDefault("--registry", "127.0.0.1:5000"),
                Integer.parseInt(values.getOrDefault("--max-running", "16")),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("--poll-millis", "200"))),
                Duration.ofSeconds(Long.parseLong(values.getOrDefault("--stop-timeout-seconds", "30"))),
                Path.of(values.getOrDefault("--ready-file", state.resolve("agent.ready").toString())));
    }
}
