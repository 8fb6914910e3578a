package io.ecslattice.executor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor with {@code isolation = "jvm_per_task"}: a fresh JVM per electron, speaking the wire format through files. */
class ChildJvmExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    @BeforeEach
    void open() {
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString(), "isolation", "jvm_per_task")));
    }

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void helloRunsInChildJvmsWithOutputCapturedAndPidRecorded() throws Exception {
        var join = Electron.of(Steps::join);
        var excite = Electron.of(Steps::excite);
        var lattice = Lattice.of("hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));

        String id = lattice.dispatch(LatticeClient.of(dispatcher), "Hello", "World").id();
        Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(WAIT);

        assertEquals("Hello, World!", result.value(), result.toString());
        NodeRecord excited = dispatcher.store().reader().node(id, "1").orElseThrow();
        assertTrue(excited.stdout().contains("exciting Hello, World"), excited.stdout());
        long pid = Long.parseLong(excited.handle().ref());
        assertTrue(pid != ProcessHandle.current().pid(), "ran in another process");
        assertEquals("0", excited.details().get("exitCode"));
        assertEquals("true", excited.details().get("startedAhead"), "the second electron ran in the JVM started ahead");
        assertEquals("false", dispatcher.store().reader().node(id, "0").orElseThrow().details().get("startedAhead"));
        Path workDir = Path.of(excited.details().get("workDir"));
        assertTrue(Files.readString(workDir.resolve("spec.json")).contains("\"methodName\":\"excite\""));
        assertTrue(Files.readString(workDir.resolve("stdout.log")).contains("exciting Hello, World"));
    }

    @Test
    void electronExceptionInChildJvmComesBackWithTypeMessageStackAndExitCode() {
        var boom = Electron.of(Steps::boom);
        var lattice = Lattice.of("boom", (Value<Integer> x) -> boom.call(x));
        Result<Integer> result = lattice.dispatch(LatticeClient.of(dispatcher), 3).result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        NodeRecord failed = dispatcher.store().reader().node(result.dispatchId(), result.failedNodeId()).orElseThrow();
        assertEquals("java.lang.IllegalStateException", failed.error().type());
        assertEquals("boom on 3", failed.error().message());
        assertTrue(failed.error().stackTrace().contains("at io.ecslattice.testing.Steps.boom"), failed.error().stackTrace());
        assertTrue(failed.stdout().contains("about to fail on 3"), failed.stdout());
        assertEquals("1", failed.details().get("exitCode"));
    }

    @Test
    void childJvmThatDiesWithoutAResultFailsTheNodeSayingSo() {
        var exit = Electron.of(Steps::exitHard);
        var lattice = Lattice.of("die", (Value<Integer> code) -> exit.call(code));
        Result<Integer> result = lattice.dispatch(LatticeClient.of(dispatcher), 137).result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        assertEquals("ChildJvmExited", result.error().type());
        assertTrue(result.error().message().contains("exited with code 137 without writing a result"),
                result.error().message());
    }

    @Test
    void cancelStopsTheChildJvm() throws Exception {
        var sleep = Electron.of(Steps::sleep);
        var lattice = Lattice.of("nap", () -> sleep.call(Value.of(30_000)));
        String id = lattice.dispatch(LatticeClient.of(dispatcher)).id();
        NodeRecord node = null;
        for (int i = 0; i < 1500 && (node == null || node.handle() == null); i++) {
            Thread.sleep(20);
            node = dispatcher.store().reader().node(id, "0").orElseThrow();
        }
        long pid = Long.parseLong(node.handle().ref());

        dispatcher.cancel(id);
        Result<Integer> result = LatticeClient.of(dispatcher).attach(id, Integer.class).result(WAIT);

        assertEquals(DispatchStatus.CANCELLED, result.status());
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "child JVM " + pid + " was stopped");
        assertEquals(Status.CANCELLED, dispatcher.store().reader().node(id, "0").orElseThrow().status());
    }
}
