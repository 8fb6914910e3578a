package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Unit test, because the local cloud cannot show it: moto never throttles and never answers RunTask
 * with capacity failures. A tiny HTTP server speaks ECS's JSON protocol and answers from a script;
 * the real SDK client, retry policy, call counter, rate limiter and RunTaskCall run against it.
 */
class RunTaskThrottlingTest {
    private HttpServer server;
    private final Deque<String[]> script = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private AwsClients clients;
    private final AwsCallCounter counter = AwsCallCounter.create();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(Wire.mapper().readTree(exchange.getRequestBody()));
            String[] answer = script.isEmpty() ? new String[] {"200", "{\"tasks\":[],\"failures\":[]}"} : script.poll();
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        clients = new AwsClients("us-east-1", StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                5, Duration.ofMillis(10), Duration.ofMillis(50), counter,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop(0);
        scheduler.shutdownNow();
    }

    private static String[] throttled() {
        return new String[] {"400", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"};
    }

    private static String[] started(String arn) {
        return new String[] {"200", "{\"tasks\":[{\"taskArn\":\"" + arn + "\"}],\"failures\":[]}"};
    }

    private static String[] capacity() {
        return new String[] {"200", "{\"tasks\":[],\"failures\":[{\"reason\":\"Capacity is unavailable at this time."
                + " Please try again later or in a different availability zone\"}]}"};
    }

    private String runTask(int maxAttempts) throws Exception {
        return runTask(maxAttempts, false);
    }

    private RunTaskCall lastCall;

    private String runTask(int maxAttempts, boolean spot) throws Exception {
        EcsSettings settings = EcsSettingsResolver.resolve(Map.of("ecs_task_subnet_id", "subnet-12345678",
                "ecs_task_security_group_id", "sg-12345678", "fargate_spot", spot), Map.of(), io.ecslattice.config.ConfigSource.builder(),
                new AwsEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")),
                (s, f, c) -> java.util.Optional.empty(), e -> null);
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
        EcsTasks ecs = new EcsTasks(clients.ecs(), settings, backoff);
        lastCall = new RunTaskCall(ecs, new RunTaskLimiter(20, 100, System::nanoTime), backoff, scheduler,
                Executors.newSingleThreadExecutor(), maxAttempts, "arn:td", "token-1", Map.of("K", "V"),
                Map.of("ecs-lattice:node", "n1"));
        return lastCall.start().get(10, TimeUnit.SECONDS);
    }

    @Test
    void throttledRunTaskIsRetriedWithTheSameClientTokenAndCountedOnce() throws Exception {
        script.add(throttled());
        script.add(throttled());
        script.add(started("arn:aws:ecs:us-east-1:1:task/c/t1"));

        assertEquals("arn:aws:ecs:us-east-1:1:task/c/t1", runTask(3));

        assertEquals(3, requests.size());
        List<String> tokens = new ArrayList<>();
        requests.forEach(r -> tokens.add(r.path("clientToken").asText()));
        assertEquals(List.of("token-1", "token-1", "token-1"), tokens, "SDK retries reuse the token: ECS starts one task");
        assertEquals(1L, counter.calls().get("ecs:RunTask"), counter.calls().toString());
        assertEquals(2L, counter.retries().get("ecs:RunTask"));
    }

    /** Also here because moto refuses a capacity provider strategy without launchType, which AWS requires. */
    @Test
    void fargateSpotAsksForTheSpotCapacityProviderInsteadOfALaunchType() throws Exception {
        script.add(started("arn:aws:ecs:us-east-1:1:task/c/spot"));
        runTask(1, true);
        JsonNode request = requests.get(0);
        assertEquals("FARGATE_SPOT", request.path("capacityProviderStrategy").path(0).path("capacityProvider").asText());
        assertTrue(request.path("launchType").isMissingNode(), "AWS rejects launchType with a capacity provider strategy");
        assertEquals("ENABLED", request.path("networkConfiguration").path("awsvpcConfiguration").path("assignPublicIp").asText());
    }

    @Test
    void capacityFailuresAreRetriedWithBackoffThenSucceed() throws Exception {
        script.add(capacity());
        script.add(capacity());
        script.add(started("arn:aws:ecs:us-east-1:1:task/c/t2"));

        assertEquals("arn:aws:ecs:us-east-1:1:task/c/t2", runTask(4));

        assertEquals(3, requests.size());
        assertEquals("token-1", requests.get(0).path("clientToken").asText());
        assertEquals("token-1-2", requests.get(1).path("clientToken").asText(), "a try after a failure that started nothing gets its own token");
        assertEquals(3L, counter.calls().get("ecs:RunTask"));
        assertEquals(2, lastCall.capacityRetries().size(), "the capacity retries are kept to label the attempt with");
        assertTrue(lastCall.capacityRetries().get(0).startsWith("Capacity is unavailable"), lastCall.capacityRetries().toString());
    }

    @Test
    void capacityFailuresBeyondTheAttemptLimitFailWithEcsReason() {
        for (int i = 0; i < 3; i++) {
            script.add(capacity());
        }
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class, () -> runTask(2));
        assertTrue(e.getCause().getMessage().contains("after 2 attempt(s): Capacity is unavailable"), e.getCause().getMessage());
        assertEquals(2, requests.size());
    }

    private static String[] quotaReached() {
        return new String[] {"200", "{\"tasks\":[],\"failures\":[{\"arn\":\"arn:td\",\"reason\":"
                + "\"You\u2019ve reached the limit on the number of vCPUs you can run concurrently\"}]}"};
    }

    @Test
    void vcpuQuotaRefusalsWaitWithoutUsingTheAttemptsAndAreReportedOnceNamingTheQuota() throws Exception {
        for (int i = 0; i < 3; i++) {
            script.add(quotaReached());
        }
        script.add(started("arn:aws:ecs:us-east-1:1:task/c/after-quota"));

        // Before: the quota reason was no capacity failure, so the first refusal failed the node at once.
        assertEquals("arn:aws:ecs:us-east-1:1:task/c/after-quota", runTask(1));

        assertEquals(4, requests.size(), "three refusals waited out although run_task_max_attempts is 1");
        assertEquals(List.of("token-1", "token-1-2", "token-1-3", "token-1-4"),
                requests.stream().map(r -> r.path("clientToken").asText()).toList());
        assertEquals(1, lastCall.capacityRetries().size(), "one note for the node, not one per retry: " + lastCall.capacityRetries());
        String note = lastCall.capacityRetries().get(0);
        assertTrue(note.startsWith("3 wait(s) for Fargate vCPU quota") && note.contains("L-3032A538")
                && note.contains(FargateVcpuQuota.REQUEST_LINK), note);
    }

    @Test
    void serviceQuotasValueIsReadAndAnyRefusalMeansUnknown() {
        script.add(new String[] {"200", "{\"Quota\":{\"ServiceCode\":\"fargate\",\"QuotaCode\":\"L-3032A538\",\"Value\":6.0}}"});
        script.add(new String[] {"400", "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}"});

        assertEquals(6.0, clients.serviceQuotas().value("fargate", "L-3032A538").getAsDouble());
        assertTrue(clients.serviceQuotas().value("fargate", "L-36FBB829").isEmpty(), "AccessDenied: unknown, not an error");
        assertEquals("L-36FBB829", requests.get(1).path("QuotaCode").asText());
    }

    @Test
    void throttlingBeyondTheAttemptLimitSurfacesTheThrottlingError() {
        for (int i = 0; i < 6; i++) {
            script.add(throttled());
        }
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class, () -> runTask(2));
        assertTrue(e.getCause().getMessage().contains("Rate exceeded"), e.getCause().getMessage());
        assertEquals(5, requests.size(), "api_max_attempts=5 attempts, then the error");
    }
}
