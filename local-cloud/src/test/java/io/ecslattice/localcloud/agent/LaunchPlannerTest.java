package io.ecslattice.localcloud.agent;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Overrides apply as ECS applies them; limits and the log stream name come out as Fargate's. */
class LaunchPlannerTest {
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:123456789012:task/cluster/0123abcd";
    private final LaunchPlanner planner = new LaunchPlanner(Duration.ofSeconds(30),
            Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_REGION", "us-east-1"));

    private static TaskDefinition definition(ContainerDefinition.Builder container, String cpu, String memory) {
        return TaskDefinition.builder().cpu(cpu).memory(memory)
                .containerDefinitions(container.name("main").image("img").build()).build();
    }

    @Test
    void overridesReplaceTheCommandAndMergeTheEnvironmentByName() {
        TaskDefinition definition = definition(ContainerDefinition.builder().command("default")
                .environment(KeyValuePair.builder().name("A").value("def").build(),
                        KeyValuePair.builder().name("B").value("def").build()), "256", "512");
        Task task = Task.builder().taskArn(TASK_ARN).overrides(o -> o.containerOverrides(c -> c.name("main")
                .command("x", "y").environment(KeyValuePair.builder().name("B").value("over").build()))).build();

        TaskLaunch launch = planner.plan(task, definition);

        assertEquals(List.of("x", "y"), launch.command());
        assertEquals("def", launch.environment().get("A"));
        assertEquals("over", launch.environment().get("B"));
        assertEquals("http://127.0.0.1:4566", launch.environment().get("AWS_ENDPOINT_URL"));
    }

    @Test
    void theDefinitionsSecretsAreCarriedAsArnsAndTheirValuesJoinTheEnvironmentOnlyOnceFetched() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        TaskDefinition definition = definition(ContainerDefinition.builder()
                .secrets(software.amazon.awssdk.services.ecs.model.Secret.builder().name("DB_PASSWORD").valueFrom(arn).build()),
                "256", "512");

        TaskLaunch launch = planner.plan(Task.builder().taskArn(TASK_ARN).build(), definition);

        assertEquals(Map.of("DB_PASSWORD", arn), launch.secrets());
        assertEquals(null, launch.environment().get("DB_PASSWORD"), "not before the agent fetched it");
        TaskLaunch fetched = launch.withSecretValues(new TaskSecrets(a -> "value of " + a, a -> "unused").resolve(launch.secrets()));
        assertEquals("value of " + arn, fetched.environment().get("DB_PASSWORD"));
        assertEquals("http://127.0.0.1:4566", fetched.environment().get("AWS_ENDPOINT_URL"));
    }

    @Test
    void aSecretThatCannotBeFetchedGivesFargatesStoppedReasonNamingTheArn() {
        String arn = "arn:aws:ssm:us-east-1:123456789012:parameter/app/token";
        TaskSecrets secrets = new TaskSecrets(a -> "unused", a -> {
            throw new IllegalStateException("InvalidParameters: [" + a + "]");
        });
        String reason = org.junit.jupiter.api.Assertions.assertThrows(TaskSecrets.SecretUnavailableException.class,
                () -> secrets.resolve(Map.of("TOKEN", arn))).getMessage();
        assertEquals("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval"
                + " failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): failed to fetch"
                + " secret " + arn + " from ssm: InvalidParameters: [" + arn + "]", reason);
    }

    @Test
    void theTaskOwnEnvironmentWinsOverTheInjectedOne() {
        TaskDefinition definition = definition(ContainerDefinition.builder()
                .environment(KeyValuePair.builder().name("AWS_REGION").value("eu-west-1").build()), "256", "512");

        TaskLaunch launch = planner.plan(Task.builder().taskArn(TASK_ARN).build(), definition);

        assertEquals("eu-west-1", launch.environment().get("AWS_REGION"));
    }

    @Test
    void cpuAndMemoryComeFromTheTaskLevelInEitherNotation() {
        TaskLaunch units = planner.plan(Task.builder().taskArn(TASK_ARN).build(),
                definition(ContainerDefinition.builder(), "1024", "2048"));
        TaskLaunch words = planner.plan(Task.builder().taskArn(TASK_ARN).build(),
                definition(ContainerDefinition.builder(), "0.5 vCPU", "1 GB"));
        TaskLaunch overridden = planner.plan(Task.builder().taskArn(TASK_ARN)
                        .overrides(o -> o.cpu("2048").memory("4096")).build(),
                definition(ContainerDefinition.builder(), "256", "512"));

        assertEquals(List.of(1024, 2048), List.of(units.cpuUnits(), units.memoryMiB()));
        assertEquals(List.of(512, 1024), List.of(words.cpuUnits(), words.memoryMiB()));
        assertEquals(List.of(2048, 4096), List.of(overridden.cpuUnits(), overridden.memoryMiB()));
    }

    @Test
    void awslogsStreamIsPrefixContainerAndTaskId() {
        TaskDefinition definition = definition(ContainerDefinition.builder().logConfiguration(l -> l
                .logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "g", "awslogs-stream-prefix", "p"))),
                "256", "512");

        TaskLaunch launch = planner.plan(Task.builder().taskArn(TASK_ARN).build(), definition);

        assertTrue(launch.logs().isPresent());
        assertEquals(new TaskLaunch.LogDestination("g", "p/main/0123abcd", false), launch.logs().get());
    }

    @Test
    void stopTimeoutComesFromTheContainerDefinitionElseTheDefault() {
        assertEquals(Duration.ofSeconds(5), planner.plan(Task.builder().taskArn(TASK_ARN).build(),
                definition(ContainerDefinition.builder().stopTimeout(5), "256", "512")).stopTimeout());
        assertEquals(Duration.ofSeconds(30), planner.plan(Task.builder().taskArn(TASK_ARN).build(),
                definition(ContainerDefinition.builder(), "256", "512")).stopTimeout());
    }
}
