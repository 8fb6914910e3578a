package io.ecslattice.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A second, private region for the simulated rows: the local cloud's moto launcher on a free port and the local agent in simulated mode, with the
 * few resources the ECS executor needs. Kept apart from the shared local cloud so 10,000 tasks never
 * slow down anyone else's moto. Stops both processes on close.
 */
final class SimulatedRegion implements AutoCloseable {
    private static final String NAME = "bench-simulated";

    private final Process moto;
    private final Process agent;
    private final URI endpoint;
    private final Map<String, Object> settings;

    private SimulatedRegion(Process moto, Process agent, URI endpoint, Map<String, Object> settings) {
        this.moto = moto;
        this.agent = agent;
        this.endpoint = endpoint;
        this.settings = settings;
    }

    /**
     * Starts the region.
     *
     * @param repoRoot the repository (for local-cloud/ and bench/ files)
     * @param workDir  where logs and the agent's state go
     * @param settle      how long the agent waits for no new task before completing the held ones
     * @param holdAtLeast complete the held tasks as soon as this many are held (0: only when settled)
     */
    static SimulatedRegion start(Path repoRoot, Path workDir, Duration settle, int holdAtLeast)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path libs = repoRoot.resolve("local-cloud/target");
        if (!Files.isRegularFile(libs.resolve("local-cloud-agent.jar")) || !Files.isDirectory(libs.resolve("agent-lib"))) {
            throw new IllegalStateException("the local agent is not built in " + libs
                    + ": run mvn -pl local-cloud -am package (make local-cloud-up builds it)");
        }
        Path state = Files.createDirectories(workDir.resolve("simulated-region-" + port));
        Process moto = new ProcessBuilder("python3", repoRoot.resolve("local-cloud/moto/launcher.py").toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(state.resolve("moto.log").toFile()).start();
        Process agent = null;
        try {
            awaitHealthy(endpoint, moto, state.resolve("moto.log"));
            Map<String, Object> settings = createResources(endpoint);
            Path ready = state.resolve("agent.ready");
            agent = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-cp",
                    libs.resolve("local-cloud-agent.jar") + ":" + libs.resolve("agent-lib") + "/*",
                    "io.ecslattice.localcloud.agent.SimulatedAgent", "--state-dir", state.toString(),
                    "--endpoint", endpoint.toString(), "--max-running", "16", "--poll-millis", "500",
                    "--ready-file", ready.toString(), "--settle-millis", String.valueOf(settle.toMillis()),
                    "--hold-at-least", String.valueOf(holdAtLeast))
                    .redirectErrorStream(true).redirectOutput(state.resolve("agent.log").toFile()).start();
            awaitFile(ready, agent, state.resolve("agent.log"));
            return new SimulatedRegion(moto, agent, endpoint, settings);
        } catch (IOException | RuntimeException | InterruptedException e) {
            stop(agent);
            stop(moto);
            throw e;
        }
    }

    /** Where the rows' clients send their AWS calls ({@code AWS_ENDPOINT_URL}). */
    URI endpoint() {
        return endpoint;
    }

    /** ECS executor settings naming this region's resources (what a stack's outputs would give). */
    Map<String, Object> executorSettings() {
        return settings;
    }

    private static Map<String, Object> createResources(URI endpoint) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        Map<String, Object> settings = new LinkedHashMap<>();
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).forcePathStyle(true).build();
             EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             EcrClient ecr = EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build()) {
            s3.createBucket(b -> b.bucket(NAME));
            ecs.createCluster(b -> b.clusterName(NAME));
            ecr.createRepository(b -> b.repositoryName(NAME + "-images"));
            logs.createLogGroup(b -> b.logGroupName(NAME));
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.7.0.0/16")).vpc().vpcId();
            ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(a -> a.value(true))); // moto's RunTask needs it
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.7.1.0/24")).subnet().subnetId();
            String group = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName(NAME).description(NAME)).groupId();
            settings.put("region", "us-east-1");
            settings.put("s3_bucket_name", NAME);
            settings.put("ecr_repo_name", NAME + "-images");
            settings.put("ecs_cluster_name", NAME);
            settings.put("ecs_task_family_name", NAME + "-tasks");
            settings.put("ecs_task_execution_role_name", NAME + "-execution");
            settings.put("ecs_task_role_name", NAME + "-task");
            settings.put("ecs_task_subnet_id", List.of(subnet));
            settings.put("ecs_task_security_group_id", group);
            settings.put("ecs_task_log_group_name", NAME);
        }
        return settings;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void awaitHealthy(URI endpoint, Process process, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("simulated region's moto exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/_local-cloud/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("simulated region's moto did not answer " + endpoint + "/_local-cloud/health in 30 s; log: "
                + Files.readString(log));
    }

    static void awaitFile(Path file, Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("simulated agent not ready (waited for " + file + "); its log: "
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(agent);
        stop(moto);
    }
}
