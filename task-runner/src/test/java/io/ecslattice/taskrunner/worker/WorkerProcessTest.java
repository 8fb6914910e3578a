package io.ecslattice.taskrunner.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.taskrunner.TaskRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real worker JVMs (the task runner in worker mode) fed over the local socket protocol. */
class WorkerProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Long enough that a busy machine still sends the items before the worker gives up on them. */
    private static final int IDLE_SECONDS = 5;

    @TempDir
    Path dir;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private final List<SocketWorkServer.Connection> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SocketWorkServer server = new SocketWorkServer(new SocketWorkServer.Listener() {
        @Override
        public void connected(SocketWorkServer.Connection worker) {
            connections.add(worker);
        }

        @Override
        public void started(SocketWorkServer.Connection worker, String id) {
            started.add(id);
        }

        @Override
        public void acknowledged(SocketWorkServer.Connection worker, String id) {
            acknowledged.add(id);
        }

        @Override
        public void released(SocketWorkServer.Connection worker, String id) {
            released.add(id);
        }

        @Override
        public void disconnected(SocketWorkServer.Connection worker) {
        }
    });

    WorkerProcessTest() throws IOException {
    }

    @AfterEach
    void close() {
        server.close();
    }

    private Process worker(String id, int idleSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TaskRunner.class.getName())
                .redirectOutput(dir.resolve(id + ".out").toFile())
                .redirectError(dir.resolve(id + ".err").toFile());
        builder.environment().put(WorkerMain.ENV_WORK_SOURCE, server.uri().toString());
        builder.environment().put(WorkerMain.ENV_WORKER_ID, id);
        builder.environment().put(WorkerMain.ENV_POOL_IDLE_SECONDS, Integer.toString(idleSeconds));
        builder.environment().put(WorkerMain.ENV_CODE_VERSION, "v1");
        return builder.start();
    }

    private SocketWorkServer.Connection connection(String workerId) {
        await("worker " + workerId + " to connect").atMost(WAIT)
                .until(() -> connections.stream().anyMatch(c -> c.workerId().equals(workerId)));
        return connections.stream().filter(c -> c.workerId().equals(workerId)).findFirst().orElseThrow();
    }

    @Test
    void oneWorkerJvmRunsManyElectronsThenExitsWhenIdle() throws Exception {
        Specs specs = new Specs(dir);
        Process process = worker("w1", IDLE_SECONDS);
        SocketWorkServer.Connection w1 = connection("w1");
        for (int i = 0; i < 20; i++) {
            w1.send("i" + i, "v1", specs.of("n" + i, "echo", i));
        }

        await("20 acknowledgements").atMost(WAIT).until(() -> acknowledged.size() == 20);
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the worker exits when idle");

        assertEquals(0, process.exitValue());
        assertEquals(w1.pid(), process.pid());
        assertEquals(19, specs.result("n19").value().asInt());
    }

    @Test
    void anElectronThatCallsSystemExitKillsItsWorkerUnacknowledgedAndIsNamedOnStderr() throws Exception {
        Specs specs = new Specs(dir);
        Process process = worker("w1", 60);
        SocketWorkServer.Connection w1 = connection("w1");
        w1.send("ok", "v1", specs.of("ok", "echo", 1));
        await("the first electron").atMost(WAIT).until(() -> acknowledged.contains("ok"));

        w1.send("exit", "v1", specs.of("exit", "exit", 7));

        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the JVM exited");
        assertEquals(7, process.exitValue());
        assertTrue(started.contains("exit"));
        assertFalse(acknowledged.contains("exit") || released.contains("exit"), "left for the executor to deliver again");
        assertFalse(specs.hasResult("exit"));
        String stderr = Files.readString(dir.resolve("w1.err"));
        assertTrue(stderr.contains("the JVM is exiting while electron " + WorkerSamples.class.getName()
                + ".exit (dispatch d, node exit, attempt 1) runs"), stderr);

        Process next = worker("w2", IDLE_SECONDS);
        connection("w2").send("again", "v1", specs.of("again", "echo", 2));
        await("the next worker's result").atMost(WAIT).until(() -> acknowledged.contains("again"));
        assertTrue(next.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aWorkerHandsBackAnItemOfAnotherCodeVersionUnrunAndExitsOnceIdle() throws Exception {
        // It goes on with its own version's work after a hand-back (WorkerLoopTest shows that); with none, it idles out.
        Specs specs = new Specs(dir);
        Process process = worker("w1", IDLE_SECONDS);
        connection("w1").send("new", "v2", specs.of("new", "echo", 1));

        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertTrue(released.contains("new"));
        assertFalse(specs.hasResult("new"));
    }
}
