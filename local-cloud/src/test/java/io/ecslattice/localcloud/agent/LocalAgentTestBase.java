package io.ecslattice.localcloud.agent;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;


/**
 * What the local agent's tests share: clients for the running local cloud, the test image pushed to
 * the local registry, task definitions that name it by its ECR URI, and waits with deadlines.
 * Needs make local-cloud-up and make deploy-local.
 */
abstract class LocalAgentTestBase {
    static final Duration STOP_WAIT = Duration.ofSeconds(60);
    static LocalCloud cloud;
    static EcsClient ecs;
    static CloudWatchLogsClient logs;
    static String cluster;
    static String echoImage;
    static String echoDefinition;
    static String missingImageDefinition;
    static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8);

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
        String local = TestImage.pushed(cloud.dockerHost(), cloud.registry(), cloud.baseImage(), repository);
        String tag = local.substring(local.lastIndexOf(':') + 1);
        echoImage = repositoryUri + ":" + tag;
        echoDefinition = register(echoImage);
        missingImageDefinition = register(repositoryUri + ":no-such-tag");
    }

    @AfterAll
    static void closeClients() {
        ecs.close();
        logs.close();
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

    static RunTaskRequest.Builder request(String definition, List<String> command) {
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

    static Task run(List<String> command, java.util.function.Consumer<RunTaskRequest.Builder> more) {
        RunTaskRequest.Builder request = request(echoDefinition, command);
        if (more != null) {
            more.accept(request);
        }
        return ecs.runTask(request.build()).tasks().get(0);
    }

    static Task await(String arn, Predicate<Task> condition) {
        AtomicReference<Task> last = new AtomicReference<>();
        try {
            return Awaitility.await("task " + arn).atMost(STOP_WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last.set(ecs.describeTasks(r -> r.cluster(cluster).tasks(arn)).tasks().get(0));
                        return last.get();
                    }, condition::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("task " + arn + " not there within " + STOP_WAIT + "; last seen: " + last.get()
                    + " (agent log: $ECS_LATTICE_LOCAL_CLOUD_DIR/agent.log)", e);
        }
    }

    static void awaitFirstLine(String taskArn) {
        Awaitility.await("a log line from " + taskArn).atMost(STOP_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> linesSoFar(taskArn) > 0);
    }

    private static int linesSoFar(String taskArn) {
        try {
            return logEvents(taskArn).size();
        } catch (ResourceNotFoundException streamNotYetCreated) {
            return 0;
        }
    }

    static List<OutputLogEvent> logEvents(String taskArn) {
        String stream = PREFIX + "/main/" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
        return logs.getLogEvents(r -> r.logGroupName(cloud.output("EcsTaskLogGroupName")).logStreamName(stream)
                .startFromHead(true)).events();
    }
}
