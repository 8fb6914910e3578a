package io.ecslattice.localcloud.agent;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * complete, and {@code --hold-at-least} (default 0: off): hold the first this-many tasks until all of
 * them are in flight. Used by {@code make bench} and the drills against a moto of their own.
 */
public final class SimulatedAgent {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgent.class);

    private SimulatedAgent() {
    }

    /** Removes {@code --key value} from {@code args} and returns the value, or {@code fallback}. */
    private static String take(List<String> args, String key, String fallback) {
        int at = args.indexOf(key);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(key + " needs a value");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Duration settle = Duration.ofMillis(Long.parseLong(take(rest, "--settle-millis", "2000")));
        int holdAtLeast = Integer.parseInt(take(rest, "--hold-at-least", "0"));
        AgentOptions options = AgentOptions.parse(rest.toArray(String[]::new));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        Region region = Region.of(options.region());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, options.maxRunning()));
        try (EcsClient ecs = EcsClient.builder().endpointOverride(options.endpoint()).region(region)
                     .credentialsProvider(credentials).build();
             S3Client s3 = S3Client.builder().endpointOverride(options.endpoint()).region(region)
                     .credentialsProvider(credentials).forcePathStyle(true).build()) {
            SimulatedFargate fargate = new SimulatedFargate(new EcsControlPlane(ecs), new TaskControl(options.endpoint()),
                    s3, settle, holdAtLeast, Clock.systemUTC(), workers);
            LOG.info("simulated agent up: {}, tasks complete {} after the last one arrived", options.endpoint(), settle);
            boolean ready = false;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    fargate.poll();
                    if (!ready) {
                        Files.writeString(options.readyFile(), Instant.now() + "\n");
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
