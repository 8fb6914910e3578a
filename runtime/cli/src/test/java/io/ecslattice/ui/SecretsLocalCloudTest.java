package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.LocalCloud;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A secret created in the local cloud's Secrets Manager (and, in task mode, a SecureString of its SSM Parameter Store)
 * reaches an electron, in task mode ({@code .secret(...)} on the
 * electron) and in pool mode ({@code secrets} on the executor), through the task definition's {@code secrets} block
 * that the local agent resolves as ECS does; and its value appears nowhere else: not in the results store or any other
 * file of the dispatch, not in the task logs, not in the UI's JSON, not in any RunTask's overrides or task definition.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SecretsLocalCloudTest {
    @TempDir
    Path dir;

    @Test
    void aSecretReachesATaskModeElectronAndAppearsNowhereElse() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String value = "s3cr3t-" + UUID.randomUUID();
        String arn = createSecret(value);
        String token = "t0k3n-" + UUID.randomUUID();
        String parameterArn = createParameter(token);
        try (EcsExecutor ecs = cloud.executor(dir.resolve("cache")).build();
             Dispatcher dispatcher = TestDispatchers.inProcess(dir, 4)) {
            var digest = Electron.of(SecretWorkflows::digestOf).executor(ecs).secret("DB_PASSWORD", arn)
                    .secret("API_TOKEN", parameterArn);
            var plain = Electron.of(SecretWorkflows::plain).executor(ecs).env("GREETING", "hello from env");
            var join = Electron.of(SecretWorkflows::join);
            String id = Lattice.of("secret_task_mode", () -> join.call(join.call(digest.call(Value.of("DB_PASSWORD")),
                    digest.call(Value.of("API_TOKEN"))), plain.call(Value.of("GREETING")))).dispatch(LatticeClient.of(dispatcher)).id();
            Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(Duration.ofMinutes(5));
            assertEquals(DispatchStatus.COMPLETED, result.status(), result.errorMessage());
            assertEquals(SecretWorkflows.sha256(value) + ":" + value.length() + "|" + SecretWorkflows.sha256(token) + ":"
                    + token.length() + "|hello from env", result.value());

            assertNowhere(value, ecs, dispatcher, id, 5);
            assertNowhere(token, ecs, dispatcher, id, 5);
        }
    }

    @Test
    void aPoolExecutorsSecretReachesItsElectronsAndAppearsNowhereElse() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String value = "s3cr3t-" + UUID.randomUUID();
        String arn = createSecret(value);
        try (EcsExecutor ecs = cloud.executor(dir.resolve("cache")).set("mode", "pool").set("pool_max_workers", 1)
                .set("pool_idle_seconds", 10).set("secrets", Map.of("DB_PASSWORD", arn)).build();
             Dispatcher dispatcher = TestDispatchers.inProcess(dir, 4)) {
            var digest = Electron.of(SecretWorkflows::digestOf).executor(ecs);
            String id = Lattice.of("secret_pool_mode", () -> digest.call(Value.of("DB_PASSWORD")))
                    .dispatch(LatticeClient.of(dispatcher)).id();
            Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(Duration.ofMinutes(5));
            assertEquals(DispatchStatus.COMPLETED, result.status(), result.errorMessage());
            assertEquals(SecretWorkflows.sha256(value) + ":" + value.length(), result.value());

            assertNowhere(value, ecs, dispatcher, id, 1);
        }
    }

    @Test
    void aSecretThatDoesNotExistFailsTheTaskToStartAsEcsDoes() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:never-created-" + UUID.randomUUID();
        try (EcsExecutor ecs = cloud.executor(dir.resolve("cache")).build();
             Dispatcher dispatcher = TestDispatchers.inProcess(dir, 4)) {
            var digest = Electron.of(SecretWorkflows::digestOf).executor(ecs).secret("DB_PASSWORD", missing);
            String id = Lattice.of("secret_missing", () -> digest.call(Value.of("DB_PASSWORD")))
                    .dispatch(LatticeClient.of(dispatcher)).id();
            Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(Duration.ofMinutes(5));
            assertEquals(DispatchStatus.FAILED, result.status());
            String reason = result.error().message();
            assertTrue(reason.contains("ResourceInitializationError") && reason.contains(missing)
                    && reason.contains("ResourceNotFoundException"), reason);
        }
    }

    private static String createSecret(String value) {
        try (SecretsManagerClient secrets = SecretsManagerClient.create()) {
            return secrets.createSecret(r -> r.name("ecs-lattice-test/" + UUID.randomUUID()).secretString(value)).arn();
        }
    }

    private static String createParameter(String value) {
        try (SsmClient ssm = SsmClient.create()) {
            String name = "/ecs-lattice-test/" + UUID.randomUUID();
            ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.SECURE_STRING));
            return ssm.getParameter(r -> r.name(name)).parameter().arn();
        }
    }

    /** The value is in no file of the dispatch, no log event of the group, no UI answer and no task of the cluster. */
    private void assertNowhere(String value, EcsExecutor ecs, Dispatcher dispatcher, String id, int nodes) throws Exception {
        // The results store (SQLite) and every other file the dispatcher and executor wrote.
        byte[] needle = value.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".db")
                || f.getFileName().toString().contains("sqlite")), "no store file under " + dir + ": " + files);
        for (Path file : files) {
            assertFalse(contains(read(file), needle), "the secret's value is in " + file);
        }
        // The local cloud's own logs (moto's requests, the agent's launches) do not print it either.
        String cloudDir = System.getenv("ECS_LATTICE_LOCAL_CLOUD_DIR");
        try (Stream<Path> logs = Files.list(Path.of(cloudDir == null || cloudDir.isBlank() ? "/tmp/ecs-lattice-local-cloud" : cloudDir))) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                assertFalse(contains(read(log), needle), "the secret's value is in " + log);
            }
        }
        // The task logs (task mode: the electrons' own output; pool mode: the workers').
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.create()) {
            List<FilteredLogEvent> events = new ArrayList<>();
            logs.filterLogEventsPaginator(r -> r.logGroupName(ecs.settings().ecsTaskLogGroupName())).events().forEach(events::add);
            assertTrue(events.stream().anyMatch(e -> e.message().contains("read DB_PASSWORD")), "the electron's own line is logged");
            assertTrue(events.stream().noneMatch(e -> e.message().contains(value)), "the secret's value is in the task logs");
        }
        // The UI's JSON.
        try (UiServer server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0)) {
            List<String> paths = new ArrayList<>(List.of("/api/dispatches", "/api/dispatches/" + id));
            for (int n = 0; n < nodes; n++) {
                paths.add("/api/dispatches/" + id + "/nodes/" + n);
            }
            for (String path : paths) {
                RawHttp.Answer answer = RawHttp.send(server.port(), "GET", path, Map.of());
                assertEquals(200, answer.status(), path + ": " + answer.body());
                assertFalse(answer.body().contains(value), "the secret's value is in the UI's " + path);
            }
        }
        // What the client sent to ECS: every task's overrides (RunTask's) and its task definition; the definition
        // names the secret by ARN only.
        try (EcsClient client = EcsClient.create()) {
            String cluster = ecs.settings().ecsClusterName();
            List<String> arns = new ArrayList<>();
            for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                client.listTasksPaginator(r -> r.cluster(cluster).desiredStatus(status)).taskArns().forEach(arns::add);
            }
            boolean sawSecretsBlock = false;
            for (int i = 0; i < arns.size(); i += 100) {
                List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
                for (Task task : client.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks()) {
                    task.overrides().containerOverrides().forEach(o -> o.environment().forEach(kv ->
                            assertFalse(kv.value().contains(value), "the secret's value is in RunTask's overrides of " + task.taskArn())));
                    TaskDefinition definition = client.describeTaskDefinition(r -> r.taskDefinition(task.taskDefinitionArn()))
                            .taskDefinition();
                    definition.containerDefinitions().forEach(c -> {
                        c.environment().forEach(kv -> assertFalse(kv.value().contains(value),
                                "the secret's value is in the environment of " + definition.taskDefinitionArn()));
                        c.secrets().forEach(s -> assertFalse(s.valueFrom().contains(value), definition.taskDefinitionArn()));
                    });
                    sawSecretsBlock |= definition.containerDefinitions().stream().anyMatch(c -> !c.secrets().isEmpty());
                }
            }
            assertTrue(sawSecretsBlock, "no task of " + cluster + " had a definition with a secrets block");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
