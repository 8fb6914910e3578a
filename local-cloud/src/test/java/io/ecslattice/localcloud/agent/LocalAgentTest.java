package io.ecslattice.localcloud.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local agent plays Fargate for real: RunTask in moto starts a container in the local engine from
 * an image in the local registry, and DescribeTasks reports what ECS would. Needs make local-cloud-up
 * and make deploy-local.
 */
@Tag("local-cloud")
@Timeout(180)
class LocalAgentTest {
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static LocalCloud cloud;
    private static EcsClient ecs;
    private static CloudWatchLogsClient logs;
    private static String cluster;
    private static String echoDefinition;
    private static String missingImageDefinition;
    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void registerTaskDefinitions() throws Exception {
        cloud = LocalCloud.running();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        ecs = EcsClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        cluster = cloud.output("EcsClusterName");
        String repository = cloud.output("EcrRepoName");
        String repositoryUri;
        try (EcrClient ecr = EcrClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build()) {
            repositoryUri = ecr.describeRepositories(r -> r.repositoryNames(repository)).repositories().get(0)
                    .repositoryUri();
        }
        String local = TestImage.pushed(cloud.dockerHost(), cloud.baseImage(), repository);
        String tag = local.substring(local.lastIndexOf(':') + 1);
        echoDefinition = register(repositoryUri + ":" + tag);
        missingImageDefinition = register(repositoryUri + ":no-such-tag");
    }

    @AfterAll
    static void closeClients() {
        ecs.close();
        logs.close();
    }

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
        assertEquals(1, ecs.listTasks(r -> r.cluster(cluster).startedBy(startedBy).desiredStatus("STOPPED"))
                .taskArns().size());
        assertEquals(1, logEvents(first).size(), "one container ran, printing one line");
    }

    @Test
    void stopTaskKillsALongRunningContainer() {
        String arn = run(List.of("1", "0", "120000"), null).taskArn();
        await(arn, t -> "RUNNING".equals(t.lastStatus()));

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

    private static String register(String image) {
        return ecs.registerTaskDefinition(r -> r.family(PREFIX)
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .cpu("256").memory("512")
                .containerDefinitions(c -> c.name("main").image(image).essential(true)
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                                "awslogs-group", cloud.output("EcsTaskLogGroupName"),
                                "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", PREFIX)))))
                .taskDefinition().taskDefinitionArn();
    }

    private static RunTaskRequest.Builder request(String definition, List<String> command) {
        RunTaskRequest.Builder request = RunTaskRequest.builder().cluster(cluster).taskDefinition(definition)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets(cloud.output("EcsTaskSubnetId").split(","))
                        .securityGroups(cloud.output("EcsTaskSecurityGroupId"))
                        .assignPublicIp(AssignPublicIp.ENABLED)));
        if (command != null) {
            request.overrides(o -> o.containerOverrides(c -> c.name("main").command(command)));
        }
        return request;
    }

    private static Task run(List<String> command, java.util.function.Consumer<RunTaskRequest.Builder> more) {
        RunTaskRequest.Builder request = request(echoDefinition, command);
        if (more != null) {
            more.accept(request);
        }
        return ecs.runTask(request.build()).tasks().get(0);
    }

    private static Task await(String arn, Predicate<Task> condition) {
        Instant deadline = Instant.now().plus(STOP_WAIT);
        Task task = null;
        while (Instant.now().isBefore(deadline)) {
            task = ecs.describeTasks(r -> r.cluster(cluster).tasks(arn)).tasks().get(0);
            if (condition.test(task)) {
                return task;
            }
            sleep(100);
        }
        throw new AssertionError("task " + arn + " not there within " + STOP_WAIT + "; last seen: " + task
                + " (agent log: $ECS_LATTICE_LOCAL_CLOUD_DIR/agent.log)");
    }

    private static List<OutputLogEvent> logEvents(String taskArn) {
        String stream = PREFIX + "/main/" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
        return logs.getLogEvents(r -> r.logGroupName(cloud.output("EcsTaskLogGroupName")).logStreamName(stream)
                .startFromHead(true)).events();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
