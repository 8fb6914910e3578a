package io.ecslattice.ui;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.dispatch.DriverMain;
import io.ecslattice.executor.local.LocalExecutor;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over dispatches whose electrons ran in child JVMs, one JVM per electron. */
class UiChildJvmTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private UiServer server;

    @BeforeEach
    void start() {
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        // A JVM per electron, so each node has the exit code of its own JVM (a pool JVM outlives its electrons).
        dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString(),
                "isolation", "jvm_per_task")));
        server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        dispatcher.close();
    }

    @Test
    void nodesShowTheChildProcessTheyRanInAndWhatItPrinted() throws IOException {
        String id = (UiWorkflows.failing()).dispatch(LatticeClient.of(dispatcher)).id();
        assertEquals(DispatchStatus.FAILED, LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT).status());

        JsonNode square = get("/api/dispatches/" + id + "/nodes/0");
        assertEquals("COMPLETED", square.get("node").get("status").asText());
        assertEquals(9, square.get("output").asInt());
        assertTrue(square.get("stdout").asText().contains("squaring 3"), square.toString());
        assertTrue(square.get("details").get("pid").asText().matches("[0-9]+"), square.toString());
        assertEquals("0", square.get("details").get("exitCode").asText());

        JsonNode explode = get("/api/dispatches/" + id + "/nodes/1");
        assertEquals("FAILED", explode.get("node").get("status").asText());
        assertEquals("1", explode.get("details").get("exitCode").asText(), "the task runner exits 1 when the electron failed");
        assertTrue(explode.get("error").get("stackTrace").asText().contains("UiWorkflows.explode"), explode.toString());
        assertTrue(explode.get("stderr").asText().contains("about to fail on 9"), explode.toString());
    }

    @Test
    void cancelOfAnOrphanedDispatchStopsItsChildJvmWithoutTheServerTakingItOver() throws Exception {
        Path marker = dir.resolve("runs.txt");
        Path log = dir.resolve("driver.log");
        Process driver = JavaProcess.start(DriverMain.class, Map.of(), log, dir.toString(), marker.toString(), "60000");
        AtomicReference<String> id = new AtomicReference<>();
        try {
            await("the driver's first node running in a child JVM").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Files.readString(log).lines().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9)).findFirst().ifPresent(id::set);
                        return id.get() != null && Files.exists(marker) && dispatcher.store().reader().node(id.get(), "0")
                                .map(n -> n.handle() != null).orElse(false);
                    });
        } finally {
            driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        var handle = dispatcher.store().reader().node(id.get(), "0").orElseThrow().handle();
        // The driver ran it on its pool: the JVM's pid is in the details (a JVM-per-task ref is the pid).
        long child = Long.parseLong(handle.details().getOrDefault("pid", handle.ref()));

        RawHttp.Answer answer = RawHttp.send(server.port(), "POST", "/api/dispatches/" + id.get() + "/cancel",
                Map.of("Origin", "http://127.0.0.1:" + server.port()));

        assertEquals(202, answer.status(), answer.body());
        assertTrue(Wire.mapper().readTree(answer.body()).get("accepted").asBoolean(), answer.body());
        await("child JVM " + child + " stopped").atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive() || zombie(p.pid())).orElse(true));
        JsonNode view = get("/api/dispatches/" + id.get());
        assertEquals("CANCELLED", view.get("dispatch").get("status").asText(), view.toString());
        assertEquals("CANCELLED", view.get("nodes").get(1).get("status").asText());
        assertTrue(view.get("nodes").get(1).get("startedAt").isNull(), "the pending node never started");
        assertTrue(dispatcher.store().reader().lease(id.get()).isEmpty(), "the UI server took no lease: it did not drive the dispatch");
        assertEquals(List.of("ran"), Files.readAllLines(marker), "nothing was started again");
    }

    /** An orphan whose parent died stays a zombie until someone reaps it; it no longer runs. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode get(String path) throws IOException {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET", path, Map.of());
        assertEquals(200, answer.status(), answer.body());
        return Wire.mapper().readTree(answer.body());
    }
}
