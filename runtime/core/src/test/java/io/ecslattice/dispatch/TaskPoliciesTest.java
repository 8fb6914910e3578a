package io.ecslattice.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.PolicySteps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Backoff;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.LatticeGraphs;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Retry;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, timeouts and ordering edges, driven by the dispatcher on child JVMs (and in process where said). */
class TaskPoliciesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** A fresh JVM per electron: these tests count JVMs and kill them, which the default warm pool does not do. */
    private Dispatcher childJvms() {
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(LocalExecutor.create("local",
                Map.of("workDir", dir.resolve("tasks").toString(), "isolation", "jvm_per_task")));
        return dispatcher;
    }

    /** The local executor's default: warm pool JVMs that each run many electrons. */
    private Dispatcher poolJvms() {
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
        return dispatcher;
    }

    @Test
    void electronThatFailsTwiceThenSucceedsIsRetriedAndEveryAttemptIsRecorded() throws IOException {
        childJvms();
        Path markers = dir.resolve("flaky");
        var flaky = Electron.of(PolicySteps::flaky)
                .retries(Retry.times(3).backoff(Backoff.fixed(Duration.ofMillis(50))).on(IOException.class));
        var lattice = Lattice.of("flaky", (Value<String> d) -> flaky.call(d, Value.of(2)));

        Dispatch<String> dispatch = lattice.dispatch(LatticeClient.of(dispatcher), markers.toString());
        Result<String> result = dispatch.result(WAIT);
        String id = dispatch.id();

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals("ok on attempt 3", result.value());
        List<AttemptRecord> attempts = dispatcher.store().reader().attempts(id, "0");
        assertEquals(List.of(1, 2, 3), attempts.stream().map(AttemptRecord::attempt).toList());
        assertEquals(List.of(Status.FAILED, Status.FAILED, Status.COMPLETED), attempts.stream().map(AttemptRecord::status).toList());
        for (int i = 0; i < 2; i++) {
            AttemptRecord failed = attempts.get(i);
            assertEquals(AttemptRecord.ELECTRON, failed.cause());
            assertEquals("java.io.IOException", failed.error().type());
            assertEquals("flaky failure " + (i + 1), failed.error().message());
            assertEquals("retried after 50 ms", failed.next());
            assertTrue(failed.details().containsKey("pid"), failed.details().toString());
        }
        assertNull(attempts.get(2).error());
        assertNull(attempts.get(2).next());
        // Each attempt ran in a JVM of its own.
        try (var files = Files.list(markers)) {
            assertEquals(3, files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).distinct().count());
        }
        assertEquals(3, dispatcher.store().reader().node(id, "0").orElseThrow().attempt());
    }

    @Test
    void failureOfATypeNotListedIsNotRetried() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var broken = Electron.of(PolicySteps::broken).retries(Retry.times(3).on(IOException.class));
        var lattice = Lattice.of("broken", (Value<String> why) -> broken.call(why));

        Result<String> result = lattice.dispatch(LatticeClient.of(dispatcher), "no luck").result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        List<AttemptRecord> attempts = dispatcher.store().reader().attempts(result.dispatchId(), "0");
        assertEquals(1, attempts.size());
        assertEquals("java.lang.IllegalStateException", attempts.get(0).error().type());
    }

    @Test
    void retryPredicateDecidesFromTheErrorMessage() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var step = Electron.of(PolicySteps::transientThenPermanent).retries(Retry.times(5).when(PolicySteps::transientOnly));
        var lattice = Lattice.of("predicate", (Value<String> d) -> step.call(d));

        Result<String> result = lattice.dispatch(LatticeClient.of(dispatcher), dir.resolve("p").toString()).result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        List<AttemptRecord> attempts = dispatcher.store().reader().attempts(result.dispatchId(), "0");
        assertEquals(List.of("transient hiccup", "permanent breakage"), attempts.stream().map(a -> a.error().message()).toList());
    }

    @Test
    void timeoutOnTheLocalExecutorKillsTheChildJvmAndFailsTheNodeNamingTheLimit() throws IOException {
        childJvms();
        var hang = Electron.of(PolicySteps::hang).timeout(Duration.ofSeconds(2));
        var lattice = Lattice.of("hang", (Value<String> d) -> hang.call(d));

        Dispatch<String> dispatch = lattice.dispatch(LatticeClient.of(dispatcher), dir.resolve("hang").toString());
        Result<String> result = dispatch.result(WAIT);
        String id = dispatch.id();

        assertEquals(DispatchStatus.FAILED, result.status());
        assertEquals("Timeout", result.error().type());
        assertTrue(result.error().message().contains("ran longer than its timeout of 2 s"),
                result.error().message());
        // The limit counts from the JVM's start, so on a busy machine the electron may not have begun: the pid comes from the handle.
        long pid = Long.parseLong(dispatcher.store().reader().node(id, "0").orElseThrow().handle().ref());
        Path electronPid = dir.resolve("hang").resolve("pid");
        if (Files.exists(electronPid)) {
            assertEquals(pid, Long.parseLong(Files.readString(electronPid)));
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child JVM " + pid + " was killed");
        AttemptRecord attempt = dispatcher.store().reader().attempts(id, "0").get(0);
        assertEquals(AttemptRecord.TIMEOUT, attempt.cause());
    }

    @Test
    void timeoutOnThePoolStopsTheHungElectronAndTheClosingExecutorRetiresItsJvm() throws IOException {
        poolJvms();
        var hang = Electron.of(PolicySteps::hang).timeout(Duration.ofSeconds(2));
        var lattice = Lattice.of("hang", (Value<String> d) -> hang.call(d));

        Dispatch<String> dispatch = lattice.dispatch(LatticeClient.of(dispatcher), dir.resolve("hang").toString());
        Result<String> result = dispatch.result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        assertEquals("Timeout", result.error().type());
        assertTrue(result.error().message().contains("ran longer than its timeout of 2 s"), result.error().message());
        // A pool handle's ref names the task; the JVM that ran it is in its details.
        Map<String, String> details = dispatcher.store().reader().node(dispatch.id(), "0").orElseThrow().handle().details();
        assertEquals("pool", details.get("mode"), details.toString());
        long pid = Long.parseLong(details.get("pid"));
        Path electronPid = dir.resolve("hang").resolve("pid");
        if (Files.exists(electronPid)) {
            assertEquals(pid, Long.parseLong(Files.readString(electronPid)));
        }
        assertEquals(AttemptRecord.TIMEOUT, dispatcher.store().reader().attempts(dispatch.id(), "0").get(0).cause());
        dispatcher.close();
        dispatcher = null;
        await("pool JVM " + pid + " gone once its executor closed").atMost(Duration.ofSeconds(60))
                .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void timeoutCountsAsRetryableWhenThePolicySaysSo() {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var hang = Electron.of(PolicySteps::hang).timeout(Duration.ofMillis(300))
                .retries(Retry.times(1).on(IOException.class).onTimeout());
        var lattice = Lattice.of("hang twice", (Value<String> d) -> hang.call(d));

        Result<String> result = lattice.dispatch(LatticeClient.of(dispatcher), dir.resolve("h").toString()).result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        List<AttemptRecord> attempts = dispatcher.store().reader().attempts(result.dispatchId(), "0");
        assertEquals(List.of(AttemptRecord.TIMEOUT, AttemptRecord.TIMEOUT), attempts.stream().map(AttemptRecord::cause).toList());
        assertTrue(attempts.get(1).error().message().contains("timeout of 300 ms"), attempts.get(1).error().message());
    }

    @Test
    void afterRunsAnElectronOnlyOnceTheOthersHaveCompletedThoughNoValuePasses() throws IOException {
        childJvms();
        var mark = Electron.of(PolicySteps::mark);
        var lattice = Lattice.of("ordered", (Value<String> d) -> {
            // "first" runs until the test writes "start release": the test looks at "second" while "first" surely runs.
            Value<String> first = mark.call(d, Value.of("first"), Value.of("release"), Value.of(120_000L));
            Value<String> second = mark.call(d, Value.of("second"), Value.of(""), Value.of(0L)).after(first);
            return Value.listOf(first, second);
        });
        assertEquals(List.of("0"), LatticeGraphs.of(lattice).node("1").after());
        Path log = dir.resolve("o").resolve("order.log");

        Dispatch<List<String>> dispatch = lattice.dispatch(LatticeClient.of(dispatcher), dir.resolve("o").toString());
        await("first to start").atMost(WAIT).until(() -> Files.exists(log) && Files.readAllLines(log).contains("start first"));
        // Without the edge, both nodes were ready at once and were submitted together, long before "first" began.
        assertEquals(Status.NEW, dispatcher.store().reader().node(dispatch.id(), "1").orElseThrow().status(),
                "second waits while first runs");
        assertNull(dispatcher.store().reader().node(dispatch.id(), "1").orElseThrow().handle(), "second was never submitted");
        Files.writeString(log, "start release\n", java.nio.file.StandardOpenOption.APPEND);
        Result<List<String>> result = dispatch.result(WAIT);

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(List.of("first saw release", "second"), result.value());
        assertEquals(List.of("start first", "start release", "end first", "start second", "end second"), Files.readAllLines(log));
        assertTrue(dispatcher.store().reader().detail(result.dispatchId()).orElseThrow().edges().stream()
                .anyMatch(e -> e.from().equals("0") && e.to().equals("1")), "the ordering edge is stored for the graph view");
    }

    @Test
    void storedGraphsWithoutTheNewFieldsReadBackWithDefaults() {
        String old = "{\"name\":\"old\",\"paramCount\":0,\"nodes\":[{\"id\":\"0\",\"name\":\"a\",\"className\":\"X\","
                + "\"methodName\":\"a\",\"parameterTypes\":[],\"returnType\":\"int\",\"executor\":\"local\",\"args\":[]}],"
                + "\"output\":{\"kind\":\"node\",\"nodeId\":\"0\"},\"outputType\":\"int\"}";

        NodeSpec node = Graph.fromJson(old).node("0");

        assertEquals(List.of(), node.after());
        assertNull(node.retry());
        assertNull(node.timeoutMillis());
        assertTrue(node.resources().isEmpty());
        assertEquals(node, Graph.fromJson(Graph.fromJson(old).toJson()).node("0"));
    }
}
