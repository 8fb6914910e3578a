package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

/**
 * A fan-out wider than the account's Fargate vCPU quota, against the local cloud, which answers RunTask beyond the
 * quota in {@code failures[]} as AWS does: it completes, each electron run once, and the refusal is reported naming
 * the quota. Each test runs in a cluster of its own with a quota of its own (the local cloud counts it over that
 * cluster's tasks), so the tests beside it, sharing the cloud, are not held back.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class QuotaLocalCloudTest {
    @TempDir
    Path cache;

    /** Task mode at a new account's quota (6 vCPUs): five tasks of 2 vCPUs, three at a time. */
    @Test
    void taskModeFanOutWiderThanTheDefaultQuotaCompletesEachNodeStartedOnceAndTheRefusalIsNamed() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String cluster = cluster(cloud, "{}");
        try (EcsExecutor executor = cloud.executor(cache).set("ecs_cluster_name", cluster).set("vcpu", 2).set("memory", 5)
                .set("retry_max_delay", 2).build()) {
            // Service Quotas answers the account's quota (the local cloud's setting): max_in_flight holds what fits.
            double accountQuota = Wire.mapper().readTree(control(cloud, "GET", null)).path("account").path("onDemand").asDouble();
            assertEquals(Math.min(500, (int) (accountQuota / 2)), executor.maxInFlight());
            assertEquals(Math.min(500, (int) (accountQuota / 2)), executor.maxInFlight());
            assertEquals(1, executor.awsCalls().count("servicequotas:GetServiceQuota"), "one GetServiceQuota per executor");

            String dispatch = UUID.randomUUID().toString();
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            List<TaskHandle> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                handles.add(executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "sq" + i, "square", List.of("int"), i), context)
                        .get(4, TimeUnit.MINUTES));
            }
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < handles.size(); i++) {
                TaskOutcome outcome = executor.await(handles.get(i)).get(3, TimeUnit.MINUTES);
                assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
                assertEquals(i * i, outcome.result().value().asInt());
                if (outcome.details().containsKey("infrastructureRetries")) {
                    notes.add(outcome.details().get("infrastructureRetries"));
                }
            }
            // Before: the first refusal failed its node ("ECS RunTask started no task ... after 1 attempt(s)").
            assertTrue(!notes.isEmpty() && notes.stream().allMatch(n -> n.contains("L-3032A538")
                    && n.contains(FargateVcpuQuota.REQUEST_LINK)), notes.toString());
            try (EcsClient ecs = EcsClient.create()) {
                assertEquals(5, ecs.listTasks(r -> r.cluster(cluster).desiredStatus(DesiredStatus.STOPPED)).taskArns().size(),
                        "each node started once");
            }
        }
    }

    /**
     * Pool mode below the account's quota: the cluster holds two workers of 2 vCPUs (4 vCPUs), the scaler wants five
     * (capped to three by an account quota of 6 where Service Quotas says so); the refused ones wait, the work completes.
     */
    @Test
    void poolScalerRefusedByTheQuotaBacksOffAndTheWorkersThatRunFinishTheBacklog() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String cluster = cluster(cloud, "{\"onDemand\": 4}");
        try (EcsExecutor executor = cloud.executor(cache).set("ecs_cluster_name", cluster).set("vcpu", 2).set("memory", 5)
                .set("mode", "pool").set("pool_max_workers", 5).set("pool_idle_seconds", 5).set("retry_max_delay", 10).build()) {
            long started = System.nanoTime();
            String dispatch = UUID.randomUUID().toString();
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            List<TaskHandle> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handles.add(executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "sq" + i, "square", List.of("int"), i), context)
                        .get(2, TimeUnit.MINUTES));
            }
            for (int i = 0; i < handles.size(); i++) {
                TaskOutcome outcome = executor.await(handles.get(i)).get(4, TimeUnit.MINUTES);
                assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
                assertEquals(i * i, outcome.result().value().asInt());
                assertEquals("1", outcome.details().get("delivery"), "each electron ran once: " + outcome.details());
            }
            long runTasks = executor.awsCalls().count("ecs:RunTask");
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            // Before: a refused scaler called RunTask every tick (1 s) for as long as the backlog waited; now once per
            // quota wait (5-10 s with retry_max_delay 10).
            assertTrue(runTasks <= 2 + seconds / 5, "RunTask calls in " + seconds + " s: " + executor.awsCalls().calls());
            executor.dispatchEnded(dispatch);
        }
    }

    /** A new cluster with its own Fargate vCPU quota ({@code quota} JSON; {} = a new account's 6 and 6). */
    private static String cluster(LocalCloud cloud, String quota) throws Exception {
        String name = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        try (EcsClient ecs = EcsClient.create()) {
            ecs.createCluster(r -> r.clusterName(name));
        }
        control(cloud, "POST", quota.replaceFirst("\\{", "{\"cluster\": \"" + name + "\"" + (quota.equals("{}") ? "" : ", ")));
        return name;
    }

    /** The local cloud's quota control path: GET the quotas, or POST one. */
    private static String control(LocalCloud cloud, String method, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.env.get("AWS_ENDPOINT_URL") + "/_local-cloud/ecs/vcpu-quota"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
