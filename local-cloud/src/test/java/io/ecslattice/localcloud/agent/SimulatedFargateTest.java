package io.ecslattice.localcloud.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import io.ecslattice.localcloud.launcher.MotoLauncher;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The simulated agent against the local cloud's own moto launcher (with its ECS fixes), on a free port. */
class SimulatedFargateTest {

    private static MotoLauncher launcher;
    private static URI endpoint;
    private static EcsClient ecs;
    private static S3Client s3;
    private static ExecutorService workers;
    private static String subnet;
    private static String securityGroup;

    @BeforeAll
    static void startMoto() {
        // STOPPED at once: these tests read the result as soon as the agent reported the exit
        launcher = MotoLauncher.start(0);
        endpoint = launcher.endpoint();
        ecs = launcher.client(EcsClient.builder());
        s3 = launcher.client(S3Client.builder().forcePathStyle(true));
        workers = Executors.newFixedThreadPool(4);
        MotoLauncher.Network network = launcher.createNetwork("10.9");
        subnet = network.subnet();
        securityGroup = network.securityGroup();
        s3.createBucket(b -> b.bucket("simulated"));
        ecs.createCluster(b -> b.clusterName("simulated"));
        ecs.registerTaskDefinition(b -> b.family("simulated").networkMode("awsvpc").cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(c -> c.name("task").image("000000000000.dkr.ecr.us-east-1.amazonaws.com/r:t").memory(512)));
    }

    @AfterAll
    static void stop() throws Exception {
        workers.shutdownNow();
        ecs.close();
        s3.close();
        launcher.close();
    }

    @Test
    void holdsTasksUntilNoneArriveThenCompletesThemAsTheNoOpElectronWould() throws Exception {
        SteppedClock clock = new SteppedClock();
        SimulatedFargate fargate = new SimulatedFargate(new EcsControlPlane(ecs), new TaskControl(endpoint), s3,
                Duration.ofMillis(500), 0, clock, workers);
        String inline = runTask("ECS_LATTICE_TASK_SPEC", json(spec("n1", 41)));
        s3.putObject(b -> b.bucket("simulated").key("specs/n2.json"), RequestBody.fromString(json(spec("n2", 42))));
        String byUri = runTask("ECS_LATTICE_TASK_SPEC_URI", "s3://simulated/specs/n2.json");

        fargate.poll();
        assertEquals("RUNNING", describe(inline).lastStatus());
        assertEquals("RUNNING", describe(byUri).lastStatus());
        assertFalse(resultExists("n1"), "held tasks write nothing yet");

        clock.advance(Duration.ofMillis(600)); // no task arrived for longer than the 500 ms settle time
        fargate.poll();
        for (String arn : List.of(inline, byUri)) {
            Task task = describe(arn);
            assertEquals("STOPPED", task.lastStatus());
            assertEquals("EssentialContainerExited", task.stopCodeAsString());
            assertEquals(0, task.containers().get(0).exitCode());
        }
        TaskResult result = Wire.mapper().readValue(s3.getObjectAsBytes(b -> b.bucket("simulated").key("results/n2.json"))
                .asByteArray(), TaskResult.class);
        assertEquals(Wire.VERSION, result.wireVersion());
        assertEquals("d-simulated", result.dispatchId());
        assertEquals("n2", result.nodeId());
        assertEquals(IntNode.valueOf(42), result.value());
        assertNull(result.error());
        assertTrue(resultExists("n1"));
    }

    @Test
    void completesAsSoonAsTheTasksToHoldHaveArrivedWithoutWaitingToSettle() throws Exception {
        SimulatedFargate fargate = new SimulatedFargate(new EcsControlPlane(ecs), new TaskControl(endpoint), s3,
                Duration.ofMinutes(5), 2, Clock.systemUTC(), workers);
        String first = runTask("ECS_LATTICE_TASK_SPEC", json(spec("n4", 4)));
        fargate.poll();
        assertEquals("RUNNING", describe(first).lastStatus(), "one of two: held");
        String second = runTask("ECS_LATTICE_TASK_SPEC", json(spec("n5", 5)));
        fargate.poll();
        assertEquals("STOPPED", describe(first).lastStatus());
        assertEquals("STOPPED", describe(second).lastStatus());
        assertTrue(resultExists("n5"));
    }

    @Test
    void aTaskStoppedByItsClientWhileHeldEndsUserInitiatedWithoutAResult() throws Exception {
        SimulatedFargate fargate = new SimulatedFargate(new EcsControlPlane(ecs), new TaskControl(endpoint), s3,
                Duration.ofMinutes(5), 0, Clock.systemUTC(), workers);
        String arn = runTask("ECS_LATTICE_TASK_SPEC", json(spec("n3", 1)));
        fargate.poll();
        ecs.stopTask(b -> b.cluster("simulated").task(arn).reason("cancelled by the test"));
        fargate.poll();
        Task task = describe(arn);
        assertEquals("STOPPED", task.lastStatus());
        assertEquals("UserInitiated", task.stopCodeAsString());
        assertEquals("cancelled by the test", task.stoppedReason());
        assertFalse(resultExists("n3"));
    }

    private static TaskSpec spec(String node, int argument) {
        return new TaskSpec(Wire.VERSION, "d-simulated", node, 1, "io.ecslattice.bench.Noop", "echo",
                List.of("int"), List.of(IntNode.valueOf(argument)), "s3://simulated/results/" + node + ".json");
    }

    private static String json(TaskSpec spec) throws IOException {
        return Wire.mapper().writeValueAsString(spec);
    }

    private static String runTask(String variable, String value) {
        return ecs.runTask(b -> b.cluster("simulated").taskDefinition("simulated").launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(securityGroup)))
                .overrides(o -> o.containerOverrides(c -> c.name("task")
                        .environment(KeyValuePair.builder().name(variable).value(value).build()))))
                .tasks().get(0).taskArn();
    }

    private static Task describe(String arn) {
        return ecs.describeTasks(b -> b.cluster("simulated").tasks(arn)).tasks().get(0);
    }

    private static boolean resultExists(String node) {
        try {
            s3.headObject(b -> b.bucket("simulated").key("results/" + node + ".json"));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** A clock the test moves forward, so "no task arrived for the settle time" needs no waiting. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
