package io.ecslattice.localcloud.agent;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local agent plays Fargate for real: RunTask in moto starts a container in the local engine from
 * an image in the local registry, and DescribeTasks reports what ECS would.
 */
@Tag("local-cloud")
@Timeout(180)
class LocalAgentTest extends LocalAgentTestBase {

    @Test
    void runTaskRunsTheContainerShipsItsOutputAndReportsTheExitCode() {
        String arn = run(List.of("3", "7"), null).taskArn();

        Task stopped = await(arn, t -> "STOPPED".equals(t.lastStatus()));

        assertEquals("EssentialContainerExited", stopped.stopCodeAsString());
        assertEquals(7, stopped.containers().get(0).exitCode());
        assertNotNull(stopped.startedAt(), "startedAt");
        assertNotNull(stopped.stoppedAt(), "stoppedAt");
        assertTrue(!stopped.stoppedAt().isBefore(stopped.startedAt()), "stoppedAt after startedAt");
        List<OutputLogEvent> events = logEvents(arn);
        assertEquals(List.of("echo 1 of 3", "echo 2 of 3", "echo 3 of 3"),
                events.stream().map(OutputLogEvent::message).toList());
        Instant first = Instant.ofEpochMilli(events.get(0).timestamp());
        assertTrue(!first.isBefore(stopped.startedAt().minusSeconds(1)) && !first.isAfter(stopped.stoppedAt()),
                "line stamped " + first + " while the task ran " + stopped.startedAt() + ".." + stopped.stoppedAt());
    }

    @Test
    void repeatedClientTokenStartsNoSecondContainer() {
        String token = UUID.randomUUID().toString();
        String startedBy = PREFIX + "-token";
        String first = run(List.of("1", "0"), r -> r.clientToken(token).startedBy(startedBy)).taskArn();
        String second = run(List.of("1", "0"), r -> r.clientToken(token).startedBy(startedBy)).taskArn();

        await(first, t -> "STOPPED".equals(t.lastStatus()));

        assertEquals(first, second);
        // ECS takes startedBy only as the sole filter, so the stopped tasks are listed and matched here.
        List<String> stopped = ecs.listTasks(r -> r.cluster(cluster).desiredStatus("STOPPED")).taskArns();
        long started = 0;
        for (int from = 0; from < stopped.size(); from += 100) {
            List<String> page = stopped.subList(from, Math.min(from + 100, stopped.size()));
            started += ecs.describeTasks(r -> r.cluster(cluster).tasks(page)).tasks().stream()
                    .filter(t -> startedBy.equals(t.startedBy())).count();
        }
        assertEquals(1, started);
        assertEquals(1, logEvents(first).size(), "one container ran, printing one line");
    }

    @Test
    void stopTaskKillsALongRunningContainer() {
        String arn = run(List.of("1", "0", "120000"), null).taskArn();
        Task running = await(arn, t -> "RUNNING".equals(t.lastStatus()) || "STOPPED".equals(t.lastStatus()));
        assertEquals("RUNNING", running.lastStatus(), "stopped early: " + running.stoppedReason());
        awaitFirstLine(arn); // the JVM (PID 1) handles SIGTERM only once started; before that ECS waits and kills

        ecs.stopTask(r -> r.cluster(cluster).task(arn).reason("test says stop"));
        Task stopped = await(arn, t -> "STOPPED".equals(t.lastStatus()));

        assertEquals("UserInitiated", stopped.stopCodeAsString());
        assertEquals("test says stop", stopped.stoppedReason());
        assertEquals(143, stopped.containers().get(0).exitCode(), "the JVM exits 128+SIGTERM");
    }

    @Test
    void missingImageEndsInCannotPullContainerError() {
        String arn = ecs.runTask(request(missingImageDefinition, null).build()).tasks().get(0).taskArn();

        Task stopped = await(arn, t -> "STOPPED".equals(t.lastStatus()));

        assertEquals("TaskFailedToStart", stopped.stopCodeAsString());
        assertTrue(stopped.stoppedReason().startsWith("CannotPullContainerError"), stopped.stoppedReason());
        assertTrue(stopped.containers().get(0).reason().contains("no-such-tag"), stopped.containers().get(0).reason());
    }

    @Test
    void twentyTasksAtOnceAllRunAndStop() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            arns.add(run(List.of("1", String.valueOf(i % 3)), null).taskArn());
        }
        for (int i = 0; i < arns.size(); i++) {
            Task stopped = await(arns.get(i), t -> "STOPPED".equals(t.lastStatus()));
            assertEquals(i % 3, stopped.containers().get(0).exitCode(), arns.get(i));
            assertEquals(1, logEvents(arns.get(i)).size(), arns.get(i));
        }
    }

    @Test
    void containerGetsTheLocalEndpointAndCredentialsAndTheOverridesEnvironment() {
        String arn = ecs.runTask(request(echoDefinition, null).overrides(o -> o.containerOverrides(c -> c.name("main")
                .command("env", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "NODE")
                .environment(e -> e.name("NODE").value("n-42"))))
                .build()).tasks().get(0).taskArn();

        await(arn, t -> "STOPPED".equals(t.lastStatus()));

        assertEquals(List.of("AWS_ENDPOINT_URL=" + cloud.endpoint(), "AWS_REGION=us-east-1",
                        "AWS_ACCESS_KEY_ID=testing", "NODE=n-42"),
                logEvents(arn).stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void missingLogGroupEndsTaskFailedToStartAsFargateDoes() {
        String definition = ecs.registerTaskDefinition(r -> r.family(PREFIX + "-nogroup")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("main").image(echoImage).essential(true)
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                                "awslogs-group", "no-such-group-" + PREFIX, "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", PREFIX)))))
                .taskDefinition().taskDefinitionArn();

        Task stopped = await(ecs.runTask(request(definition, null).build()).tasks().get(0).taskArn(),
                t -> "STOPPED".equals(t.lastStatus()));

        assertEquals("TaskFailedToStart", stopped.stopCodeAsString());
        assertTrue(stopped.stoppedReason().startsWith("ResourceInitializationError"), stopped.stoppedReason());
    }
}
