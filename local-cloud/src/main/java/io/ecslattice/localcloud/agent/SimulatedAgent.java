package io.ecslattice.localcloud.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local agent's simulated mode: the same control of ECS tasks as {@link LocalEcsAgent}, but no
 * containers (see {@link SimulatedFargate}). Takes the agent's options plus
 * {@code --settle-millis} (default 2000): how long no new task must arrive before the held ones
 * complete. Used by {@code make bench} for the 10,000-tasks-in-flight row, against its own moto.
 */
public final class SimulatedAgent {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgent.class);

    private SimulatedAgent() {
    }

    public static void main(String[] args) throws Exception {
        Duration settle = Duration.ofMillis(2000);
        int at = Arrays.asList(args).indexOf("--settle-millis");
        String[] agentArgs = args;
        if (at >= 0) {
            if (at + 1 >= args.length) {
                throw new IllegalArgumentException("--settle-millis needs a value in milliseconds");
            }
            settle = Duration.ofMillis(Long.parseLong(args[at + 1]));
            agentArgs = new String[args.length - 2];
            System.arraycopy(args, 0, agentArgs, 0, at);
            System.arraycopy(args, at + 2, agentArgs, at, args.length - at - 2);
        }
        AgentOptions options = AgentOptions.parse(agentArgs);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        Region region = Region.of(options.region());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, options.maxRunning()));
        try (EcsClient ecs = EcsClient.builder().endpointOverride(options.endpoint()).region(region)
                     .credentialsProvider(credentials).build();
             S3Client s3 = S3Client.builder().endpointOverride(options.endpoint()).region(region)
                     .credentialsProvider(credentials).forcePathStyle(true).build()) {
            SimulatedFargate fargate = new SimulatedFargate(new EcsControlPlane(ecs), new TaskControl(options.endpoint()),
                    s3, settle, Clock.systemUTC(), workers);
            LOG.info("simulated agent up: {}, tasks complete {} after the last one arrived", options.endpoint(), settle);
            boolean ready = false;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    fargate.poll();
                    if (!ready) {
                        java.nio.file.Files.writeString(options.readyFile(), java.time.Instant.now() + "\n");
                        ready = true;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("simulated poll failed, retrying: {}", e.getMessage());
                }
                Thread.sleep(options.pollPeriod().toMillis());
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
