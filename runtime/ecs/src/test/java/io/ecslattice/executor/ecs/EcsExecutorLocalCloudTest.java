package io.ecslattice.executor.ecs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * The ECS executor against the local cloud: real moto (ECS, S3, ECR, Logs, CloudFormation), the real
 * registry, Docker engine and local ECS agent. Only Fargate's scheduling is played by the agent.
 */
@Tag("local-cloud")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EcsExecutorLocalCloudTest {
    @TempDir
    static Path cache;
    static LocalCloud cloud;
    static EcsExecutor executor;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.require();
        executor = cloud.executor(cache).build();
    }

    @AfterAll
    static void stop() {
        if (executor != null) {
            executor.close();
        }
    }

    static TaskContext context(String dispatchId) {
        return new TaskContext(dispatchId, "e2e", List.of());
    }

    static TaskSpec spec(String dispatchId, String node, String method, List<String> types, Object... args) {
        List<JsonNode> json = java.util.Arrays.stream(args).map(a -> (JsonNode) Wire.mapper().valueToTree(a)).toList();
        return new TaskSpec(Wire.VERSION, dispatchId, node, 1, E2eElectrons.class.getName(), method, types, json,
                "file:///unused");
    }

    static TaskOutcome run(TaskSpec spec) throws Exception {
        TaskHandle handle = executor.submit(spec, context(spec.dispatchId())).get(2, TimeUnit.MINUTES);
        return executor.await(handle).get(2, TimeUnit.MINUTES);
    }

    @Test
    void taskRunsOnEcsAndItsResultAndOutputComeBackFromS3() throws Exception {
        String dispatch = UUID.randomUUID().toString();
        TaskOutcome outcome = run(spec(dispatch, "square", "square", List.of("int"), 7));

        assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
        assertEquals(49, outcome.result().value().asInt());
        assertTrue(outcome.result().stdout().contains("squaring 7"), outcome.result().stdout());
        assertEquals(dispatch, outcome.result().dispatchId());
        assertTrue(outcome.details().get("taskArn").contains(":task/"), outcome.details().toString());
        assertEquals("0", outcome.details().get("exitCode"));
        assertTrue(outcome.details().get("logStream").startsWith("ecs-lattice/electron/"));
    }

    @Test
    void specAboveTheOverrideLimitTravelsThroughS3() throws Exception {
        String big = "x".repeat(20_000);
        TaskOutcome outcome = run(spec(UUID.randomUUID().toString(), "length", "length", List.of("java.lang.String"), big));
        assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
        assertEquals(20_000, outcome.result().value().asInt());
    }

    @Test
    void electronThatThrowsReportsItsErrorStackTraceAndOutput() throws Exception {
        TaskOutcome outcome = run(spec(UUID.randomUUID().toString(), "explode", "explode", List.of("java.lang.String"), "boom"));

        assertFalse(outcome.result().succeeded());
        assertEquals("java.lang.IllegalStateException", outcome.result().error().type());
        assertEquals("electron failed on purpose: boom", outcome.result().error().message());
        assertTrue(outcome.result().error().stackTrace().contains("E2eElectrons.deeper"), outcome.result().error().stackTrace());
        assertTrue(outcome.result().stdout().contains("about to fail: boom"));
        assertTrue(outcome.result().stderr().contains("stderr before failing"));
        assertEquals("1", outcome.details().get("exitCode"), "the runner exits 1 when the electron failed");
    }

    @Test
    void containerExitingWithoutResultReportsExitCodeStopCodeAndLastLogLines() throws Exception {
        TaskOutcome outcome = run(spec(UUID.randomUUID().toString(), "exit", "exitWithoutResult", List.of("int"), 3));

        assertFalse(outcome.result().succeeded());
        assertEquals("3", outcome.details().get("exitCode"));
        assertEquals("EssentialContainerExited", outcome.details().get("stopCode"));
        String message = outcome.result().error().message();
        assertTrue(message.contains("stopped without writing a result"), message);
        assertTrue(message.contains("exit code: 3"), message);
        assertTrue(message.contains("exiting with 3 before any result is written"), "last log lines: " + message);
    }

    /**
     * The registry lost an image that a cache_dir marker still vouches for (ECR's lifecycle rule, destroy + deploy): here a
     * repository that never held the tag, and a marker that says it does. The task never runs, says why, and the marker goes.
     */
    @Test
    void imageTheRegistryLostReportsWhyTheTaskNeverRanAndItsMarkerIsForgotten() throws Exception {
        String tag = executor.image(prepareOnce()).orElseThrow().tag();
        String repository = "ecs-lattice-lost-" + UUID.randomUUID().toString().substring(0, 8);
        try (EcrClient ecr = EcrClient.create()) {
            ecr.createRepository(r -> r.repositoryName(repository));
            try {
                Path lostCache = cache.resolve("lost-image");
                ImageMarkers markers = new ImageMarkers(lostCache.resolve("ecs-lattice/images"), Clock.systemUTC());
                String target = executor.settings().ecrRegistryOverride().orElseThrow() + "/" + repository + ":" + tag;
                markers.remember(target, tag);
                try (EcsExecutor lost = cloud.executor(lostCache).ecrRepoName(repository).build()) {
                    String dispatch = UUID.randomUUID().toString();
                    TaskHandle handle = lost.submit(spec(dispatch, "square", "square", List.of("int"), 2), context(dispatch))
                            .get(2, TimeUnit.MINUTES);
                    TaskOutcome outcome = lost.await(handle).get(2, TimeUnit.MINUTES);

                    assertFalse(lost.image(dispatch).orElseThrow().built(), "the marker vouched for the image");
                    assertFalse(outcome.result().succeeded());
                    assertEquals("TaskFailedToStart", outcome.details().get("stopCode"));
                    assertEquals("CannotPullContainerError", outcome.result().error().type(), outcome.result().error().message());
                    assertTrue(outcome.details().get("stoppedReason").startsWith("CannotPullContainerError"));
                    assertFalse(markers.fresh(target, tag), "the next dispatch asks the registry again");
                }
            } finally {
                ecr.deleteRepository(r -> r.repositoryName(repository).force(true));
            }
        }
    }

    @Test
    void cancelStopsALongRunningTask() throws Exception {
        String dispatch = UUID.randomUUID().toString();
        TaskHandle handle = executor.submit(spec(dispatch, "sleep", "sleep", List.of("int"), 600), context(dispatch))
                .get(2, TimeUnit.MINUTES);
        await("the electron printing that it sleeps").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> executor.logs(handle, 20).stream().anyMatch(l -> l.contains("sleeping 600 s")));
        long start = System.nanoTime();
        executor.cancel(handle).get(30, TimeUnit.SECONDS);
        TaskOutcome outcome = executor.await(handle).get(1, TimeUnit.MINUTES);

        assertFalse(outcome.result().succeeded());
        assertEquals("UserInitiated", outcome.details().get("stopCode"));
        assertTrue(outcome.details().get("stoppedReason").contains("Cancelled by ecs-lattice"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60, "stopped well before the 600 s sleep");
    }

    @Test
    void retriedRunTaskWithTheSameTokenStartsOneTask() throws Exception {
        String dispatch = prepareOnce();
        String taskDefinition = executor.taskDefinitionArn(dispatch).orElseThrow();
        String token = UUID.randomUUID().toString();
        Map<String, String> env = Map.of(Wire.ENV_SPEC, Wire.mapper().writeValueAsString(
                spec(dispatch, "token", "square", List.of("int"), 1)));
        Map<String, String> tags = Map.of("ecs-lattice:node", "token");

        RunTaskResponse first = LocalCloud.ecsTasks(executor.settings()).runTask(taskDefinition, token, env, tags);
        RunTaskResponse retried = LocalCloud.ecsTasks(executor.settings()).runTask(taskDefinition, token, env, tags);

        assertEquals(1, first.tasks().size());
        assertEquals(first.tasks().get(0).taskArn(), retried.tasks().get(0).taskArn(), "the retry returns the first task");
    }

    @Test
    void secondDispatchWithUnchangedCodeBuildsPushesAndRegistersNothing() throws Exception {
        prepareOnce();
        for (Path cacheDir : List.of(cache, cache.resolve("cold-cache"))) {
            try (EcsExecutor second = cloud.executor(cacheDir).build()) {
                String dispatch = UUID.randomUUID().toString();
                second.prepare(context(dispatch)).get(2, TimeUnit.MINUTES);

                assertFalse(second.image(dispatch).orElseThrow().built(), "image built again with cache " + cacheDir);
                assertEquals(0, second.awsCalls().count("ecs:RegisterTaskDefinition"), second.awsCalls().calls().toString());
                assertEquals(1, second.awsCalls().count("ecs:DescribeTaskDefinition"));
            }
        }
    }

    @Test
    void handleStoredByOneProcessIsAwaitedByAnother() throws Exception {
        String dispatch = UUID.randomUUID().toString();
        TaskHandle handle = executor.submit(spec(dispatch, "square", "square", List.of("int"), 12), context(dispatch))
                .get(2, TimeUnit.MINUTES);
        TaskHandle stored = Wire.mapper().readValue(Wire.mapper().writeValueAsString(handle), TaskHandle.class);
        try (EcsExecutor other = cloud.executor(cache).build()) {
            TaskOutcome outcome = other.await(stored).get(2, TimeUnit.MINUTES);
            assertEquals(144, outcome.result().value().asInt());
            assertEquals(0, other.awsCalls().count("ecs:RunTask"), "re-attached, not started again");
        }
    }

    @Test
    void settingsComeFromTheStackOutputsAloneByFileOrDescribeStacks() {
        EcsSettings fromFile = cloud.executor(cache).resolveSettings();
        EcsSettings fromCloudFormation = cloud.executor(cache).stackOutputsFile(cache.resolve("absent.json").toString())
                .resolveSettings();
        boolean regionInEnvironment = System.getenv("AWS_REGION") != null || System.getenv("AWS_DEFAULT_REGION") != null;
        for (io.ecslattice.config.Setting<?> setting : EcsSettingsTable.FROM_STACK) {
            if (setting.key().equals("region") && regionInEnvironment) {
                // The environment's region outranks the stack's output, as it does for the CDK CLI (AwsEnvironment).
                assertTrue(fromFile.source("region").startsWith("env AWS_"), fromFile.source("region"));
                assertTrue(fromCloudFormation.source("region").startsWith("env AWS_"), fromCloudFormation.source("region"));
            } else {
                assertEquals("stack outputs EcsLatticeStack (" + cloud.outputsFile + ")", fromFile.source(setting.key()), setting.key());
                assertEquals("stack outputs EcsLatticeStack (DescribeStacks)", fromCloudFormation.source(setting.key()), setting.key());
            }
            assertEquals(fromFile.resolved().entry(setting.key()).value(), fromCloudFormation.resolved().entry(setting.key()).value(),
                    setting.key());
        }
        assertEquals(2, fromFile.ecsTaskSubnetIds().size(), "the comma-separated EcsTaskSubnetId output");
    }

    private static String preparedDispatch;

    /** A dispatch prepared by the shared executor, so its image and task definition exist. */
    private static synchronized String prepareOnce() throws Exception {
        if (preparedDispatch == null) {
            String dispatch = UUID.randomUUID().toString();
            executor.prepare(context(dispatch)).get(3, TimeUnit.MINUTES);
            preparedDispatch = dispatch;
        }
        return preparedDispatch;
    }
}
