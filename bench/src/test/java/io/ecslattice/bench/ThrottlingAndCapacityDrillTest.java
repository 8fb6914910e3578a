package io.ecslattice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.TypeRef;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.StoredHandle;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.localcloud.faults.CapacityRule;
import io.ecslattice.localcloud.faults.Fault;
import io.ecslattice.localcloud.faults.FaultPlan;
import io.ecslattice.localcloud.faults.FaultProxy;
import io.ecslattice.localcloud.faults.FaultRule;
import io.ecslattice.localcloud.faults.FaultStats;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.workflow.Result;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Drills of the client against AWS's answers under load: the fault proxy between the ECS executor and
 * a private simulated region (the local agent's simulated mode completes tasks without containers, so
 * the drill measures the client; the tasks' own calls never pass the proxy anyway).
 */
@Tag("local-cloud")
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class ThrottlingAndCapacityDrillTest {

    private static SimulatedRegion region;
    private static EcsClient regionEcs;

    @BeforeAll
    static void startRegion(@TempDir Path dir) throws Exception {
        Drills.localCloud();
        region = SimulatedRegion.start(Drills.repoRoot(), dir, Duration.ofMillis(1500), 0);
        regionEcs = EcsClient.builder().endpointOverride(region.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    @AfterAll
    static void stopRegion() throws Exception {
        if (regionEcs != null) {
            regionEcs.close();
        }
        if (region != null) {
            region.close();
        }
    }

    private static Map<String, Object> settings(Path dir) {
        Map<String, Object> settings = new LinkedHashMap<>(region.executorSettings());
        settings.put("cache_dir", dir.resolve("cache").toString());
        settings.put("poll_freq", 1);
        settings.put("retry_base_delay", 0.2);
        settings.put("retry_max_delay", 2);
        // 30% throttling: 12 attempts leave a call a 0.3^12 (5e-7) chance to fail for good.
        settings.put("api_max_attempts", 12);
        return settings;
    }

    @Test
    void aFanOutOf50CompletesWith30PercentOfEcsS3AndLogsCallsThrottledAndStartsEveryNodeOnce(@TempDir Path dir)
            throws Exception {
        FaultPlan plan = new FaultPlan(30, List.of(new FaultRule("ecs", "*", 0.3, Fault.THROTTLE),
                new FaultRule("s3", "*", 0.3, Fault.THROTTLE), new FaultRule("logs", "*", 0.3, Fault.THROTTLE)), List.of());
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), region.endpoint(), plan);
             EcsExecutor ecs = Drills.executor(proxy.endpoint(), settings(dir));
             Dispatcher dispatcher = Drills.dispatcher(dir, Duration.ofSeconds(30))) {
            String id = FanOut.lattice(50, ecs).dispatch(LatticeClient.of(dispatcher)).id();
            Result<List<Integer>> result = LatticeClient.of(dispatcher).attach(id, new TypeRef<List<Integer>>() { }).result(Duration.ofMinutes(4));

            assertTrue(result.isCompleted(), result::toString);
            assertEquals(FanOut.expected(50), result.value());
            FaultStats stats = proxy.stats();
            for (String throttled : List.of("ecs:RunTask", "ecs:DescribeTasks", "s3:GetObject")) {
                assertTrue(stats.of(throttled).throttle() > 0, throttled + " was throttled: " + stats);
            }
            assertEveryNodeStartedOnce(dispatcher, id, stats, 51);

            // Logs are read only for tasks that died or on request: ask for some, through the same throttling.
            List<NodeRecord> nodes = dispatcher.store().reader().nodes(id).subList(0, 10);
            writeLogLines(nodes);
            for (NodeRecord node : nodes) {
                assertEquals(List.of("drill log line of " + node.handle().ref()), ecs.logs(new TaskHandle(node.handle().executor(), node.handle().ref(), node.handle().details()), 5));
            }
            assertTrue(proxy.stats().of("logs:GetLogEvents").throttle() > 0, "GetLogEvents was throttled: " + proxy.stats());
        }
    }

    @Test
    void nodesWhoseFirstTwoRunTasksFindNoCapacityAreRetriedWithBackoffAndComplete(@TempDir Path dir) throws Exception {
        // Leaves 3, 7, 11, 15 find no memory, leaves 5 and 9 no Fargate capacity, each on their first two RunTasks.
        FaultPlan plan = new FaultPlan(2, List.of(), List.of(
                new CapacityRule(Pattern.compile("\\\\\"arguments\\\\\":\\[(3|7|11|15)\\]"), 2, "RESOURCE:MEMORY"),
                new CapacityRule(Pattern.compile("\\\\\"arguments\\\\\":\\[(5|9)\\]"), 2, CapacityRule.FARGATE_CAPACITY)));
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), region.endpoint(), plan);
             EcsExecutor ecs = Drills.executor(proxy.endpoint(), settings(dir));
             Dispatcher dispatcher = Drills.dispatcher(dir, Duration.ofSeconds(30))) {
            String id = FanOut.lattice(20, ecs).dispatch(LatticeClient.of(dispatcher)).id();
            Result<List<Integer>> result = LatticeClient.of(dispatcher).attach(id, new TypeRef<List<Integer>>() { }).result(Duration.ofMinutes(3));

            assertTrue(result.isCompleted(), result::toString);
            assertEquals(FanOut.expected(20), result.value());
            FaultStats stats = proxy.stats();
            assertEquals(12, stats.of("ecs:RunTask").capacity(), "two refusals for each of six nodes: " + stats);
            assertEquals(21 + 12, stats.of("ecs:RunTask").forwarded() + stats.of("ecs:RunTask").capacity());
            assertEveryNodeStartedOnce(dispatcher, id, stats, 21);
            // Each refused node's attempt records what ECS answered to each RunTask retried after a backoff, apart from
            // the electron's own retries; no other node records any.
            Map<String, Long> refusals = dispatcher.store().reader().nodes(id).stream()
                    .map(node -> node.handle().details().getOrDefault("infrastructureRetries", ""))
                    .filter(retries -> !retries.isEmpty())
                    .collect(Collectors.groupingBy(retries -> retries.contains("RESOURCE:MEMORY") ? "memory"
                            : retries.contains(CapacityRule.FARGATE_CAPACITY) ? "fargate" : retries, Collectors.counting()));
            assertEquals(Map.of("memory", 4L, "fargate", 2L), refusals, "nodes whose RunTasks were refused and retried");
            dispatcher.store().reader().nodes(id).stream().map(node -> node.handle().details().get("infrastructureRetries"))
                    .filter(java.util.Objects::nonNull)
                    .forEach(retries -> assertTrue(retries.startsWith("2 RunTask capacity failure(s): "), retries));
        }
    }

    /** RunTask successes, distinct task ARNs, ARNs in the results store and ECS's own count all equal the nodes. */
    private static void assertEveryNodeStartedOnce(Dispatcher dispatcher, String id, FaultStats stats, int nodes) {
        assertEquals(nodes, stats.startedTaskArns().size(), "RunTask answered with a task once per node");
        Set<String> started = new HashSet<>(stats.startedTaskArns());
        assertEquals(nodes, started.size(), "no task started twice");
        Set<String> stored = new HashSet<>();
        dispatcher.store().reader().nodes(id).forEach(n -> stored.add(n.handle().ref()));
        assertEquals(started, stored, "the results store holds exactly the started tasks");
        assertEquals(nodes, Drills.tasksOfDispatch(regionEcs, "bench-simulated", id).size(), "ECS counts one task per node");
    }

    private static void writeLogLines(List<NodeRecord> nodes) {
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(region.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            for (NodeRecord node : nodes) {
                StoredHandle handle = node.handle();
                String group = handle.details().get("logGroup");
                String stream = handle.details().get("logStream");
                logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
                logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(e -> e
                        .timestamp(System.currentTimeMillis()).message("drill log line of " + handle.ref())));
            }
        }
    }
}
