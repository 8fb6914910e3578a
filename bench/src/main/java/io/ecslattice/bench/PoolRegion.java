package io.ecslattice.bench;

import io.ecslattice.localcloud.faults.FaultPlan;
import io.ecslattice.localcloud.faults.FaultProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private region for the warm-pool rows, with real containers: the local cloud's moto launcher on a free port
 * with the stack deployed into it, and a local ECS agent of its own that runs every task as a container on the
 * local cloud's Docker engine, pulling from its registry. The agent gives the containers (task-mode tasks and
 * pool workers) a fault proxy without faults as their AWS endpoint, so the proxy counts the tasks' own calls
 * while the client talks to moto directly and counts its calls itself: the two are counted apart. A moto of its
 * own keeps other clients' tasks and queues out of the counts. Stops what it started on close.
 */
final class PoolRegion implements AutoCloseable {
    private static final String STACK = "EcsLatticeStack";

    private final Process moto;
    private final Process agent;
    private final FaultProxy proxy;
    private final URI endpoint;
    private final Path outputs;

    private PoolRegion(Process moto, Process agent, FaultProxy proxy, URI endpoint, Path outputs) {
        this.moto = moto;
        this.agent = agent;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.outputs = outputs;
    }

    /**
     * Starts the region.
     *
     * @param repoRoot   the repository (local-cloud/ and the synthesized template in cdk.out/)
     * @param workDir    where its logs, state and stack outputs go
     * @param dockerHost the local cloud's engine, e.g. {@code unix:///tmp/ecs-lattice-local-cloud/docker.sock}
     * @param registry   the local cloud's registry, host:port
     */
    static PoolRegion start(Path repoRoot, Path workDir, String dockerHost, String registry)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path libs = repoRoot.resolve("local-cloud/target");
        Path template = repoRoot.resolve("cdk.out/" + STACK + ".template.json");
        if (!Files.isRegularFile(libs.resolve("local-cloud-agent.jar")) || !Files.isRegularFile(template)) {
            throw new IllegalStateException("the pool rows need the local agent built in " + libs + " and the template "
                    + template + ": make bench builds and synthesizes both");
        }
        Path state = Files.createDirectories(workDir.resolve("pool-region-" + port));
        Process moto = new ProcessBuilder("python3", repoRoot.resolve("local-cloud/moto/launcher.py").toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--stop-seconds", "1")
                .redirectErrorStream(true).redirectOutput(state.resolve("moto.log").toFile()).start();
        Process agent = null;
        FaultProxy proxy = null;
        try {
            SimulatedRegion.awaitHealthy(endpoint, moto, state.resolve("moto.log"));
            Path outputs = state.resolve("cdk-outputs.json");
            ProcessBuilder deploy = new ProcessBuilder("python3", repoRoot.resolve("local-cloud/scripts/deploy_local.py").toString(),
                    template.toString(), outputs.toString(), STACK)
                    .redirectErrorStream(true).redirectOutput(state.resolve("deploy.log").toFile());
            deploy.environment().putAll(Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", "us-east-1",
                    "AWS_DEFAULT_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
            Process deploying = deploy.start();
            if (!deploying.waitFor(180, TimeUnit.SECONDS) || deploying.exitValue() != 0) {
                deploying.destroyForcibly();
                throw new IllegalStateException("deploying the stack into the pool rows' moto failed: "
                        + Files.readString(state.resolve("deploy.log")));
            }
            proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), endpoint, FaultPlan.none());
            Path ready = state.resolve("agent.ready");
            agent = new ProcessBuilder(SimulatedRegion.javaExecutable(), "-Xmx256m", "-cp",
                    libs.resolve("local-cloud-agent.jar") + ":" + libs.resolve("agent-lib") + "/*",
                    "io.ecslattice.localcloud.agent.LocalEcsAgent", "--state-dir", state.toString(),
                    "--endpoint", endpoint.toString(), "--task-endpoint", proxy.endpoint().toString(),
                    "--docker-host", dockerHost, "--registry", registry, "--max-running", "16",
                    "--ready-file", ready.toString())
                    .redirectErrorStream(true).redirectOutput(state.resolve("agent.log").toFile()).start();
            SimulatedRegion.awaitFile(ready, agent, state.resolve("agent.log"));
            return new PoolRegion(moto, agent, proxy, endpoint, outputs);
        } catch (IOException | RuntimeException | InterruptedException e) {
            SimulatedRegion.stop(agent);
            if (proxy != null) {
                proxy.close();
            }
            SimulatedRegion.stop(moto);
            throw e;
        }
    }

    /** moto: the rows' clients send their AWS calls here ({@code AWS_ENDPOINT_URL}). */
    URI endpoint() {
        return endpoint;
    }

    /** The proxy the containers call AWS through; {@code GET /__faults/stats} gives its counts. */
    URI taskEndpoint() {
        return proxy.endpoint();
    }

    /** The deployed stack's outputs ({@code stack_outputs_file}). */
    Path stackOutputs() {
        return outputs;
    }

    /** What a row's JVM needs in its environment to use the region. */
    Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint.toString(), TaskSideCalls.ENV_ENDPOINT, proxy.endpoint().toString());
    }

    /** Executor settings that name the region's stack. */
    Map<String, Object> executorSettings() {
        return Map.of("stack_outputs_file", outputs.toString(), "stack_name", STACK);
    }

    @Override
    public void close() throws InterruptedException {
        SimulatedRegion.stop(agent);
        proxy.close();
        SimulatedRegion.stop(moto);
    }

    /** The stack's outputs as the ECS executor reads them (for the baseline client, which has no executor). */
    static Map<String, String> outputs(Path file) throws IOException {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path(STACK);
        Map<String, String> values = new java.util.TreeMap<>();
        tree.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    static List<String> subnets(Map<String, String> outputs) {
        return List.of(outputs.get("EcsTaskSubnetId").split(","));
    }
}
