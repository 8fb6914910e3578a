package io.ecslattice.localcloud.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/** As on Fargate, a task whose container exited passes through STOPPING and DEPROVISIONING before STOPPED. */
class StoppingTimelineTest {
    private static final double STOP_SECONDS = 3;
    private static MotoLauncher launcher;
    private static EcsClient ecs;
    private static MotoLauncher.Network network;

    @BeforeAll
    static void start() {
        launcher = MotoLauncher.start(STOP_SECONDS);
        ecs = launcher.client(EcsClient.builder());
        network = launcher.createNetwork("10.8");
        ecs.createCluster(b -> b.clusterName("timeline"));
        ecs.registerTaskDefinition(b -> b.family("timeline").networkMode("awsvpc").cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(c -> c.name("task").image("000000000000.dkr.ecr.us-east-1.amazonaws.com/r:t")));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        ecs.close();
        launcher.close();
    }

    @Test
    void exitedContainerShowsItsExitCodeWhileTheTaskIsStoppingThenDeprovisioningThenStopped() throws Exception {
        String arn = ecs.runTask(b -> b.cluster("timeline").taskDefinition("timeline").launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(network.subnet())
                        .securityGroups(network.securityGroup())))).tasks().get(0).taskArn();
        control("claim", "{\"taskArn\":\"" + arn + "\"}");
        control("running", "{\"taskArn\":\"" + arn + "\",\"runtimeId\":\"c1\"}");
        control("stopped", "{\"taskArn\":\"" + arn + "\",\"exitCode\":3,\"stopCode\":\"EssentialContainerExited\"}");

        Task stopping = describe(arn);
        assertEquals("STOPPING", stopping.lastStatus());
        assertEquals("STOPPED", stopping.desiredStatus());
        assertEquals(3, stopping.containers().get(0).exitCode());
        assertNotNull(stopping.executionStoppedAt());
        assertNull(stopping.stoppedAt());

        await("task " + arn + " DEPROVISIONING").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> describe(arn).lastStatus(), "DEPROVISIONING"::equals);
        await("task " + arn + " STOPPED").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> describe(arn).lastStatus(), "STOPPED"::equals);
        Task stopped = describe(arn);
        assertNotNull(stopped.stoppedAt());
        assertEquals(3, stopped.containers().get(0).exitCode());
        assertEquals("EssentialContainerExited", stopped.stopCodeAsString());
    }

    private static Task describe(String arn) {
        return ecs.describeTasks(b -> b.cluster("timeline").tasks(arn)).tasks().get(0);
    }

    private static void control(String route, String body) throws Exception {
        URI uri = launcher.endpoint().resolve("/_local-cloud/ecs/tasks/" + route);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), route + ": " + response.body());
    }
}
