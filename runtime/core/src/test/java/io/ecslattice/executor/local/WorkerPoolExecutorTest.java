package io.ecslattice.executor.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor's default isolation: warm child JVMs, each running many electrons. */
class WorkerPoolExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private LocalExecutor executor;

    private Dispatcher dispatcher(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("workDir", dir.resolve("tasks").toString());
        executor = LocalExecutor.create("local", all);
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(executor);
        return dispatcher;
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (executor != null) {
            executor.close();
        }
    }

    private static Set<String> pids(Dispatcher dispatcher, String id, int nodes) {
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < nodes; i++) {
            pids.add(dispatcher.store().reader().node(id, Integer.toString(i)).orElseThrow().details().get("pid"));
        }
        return pids;
    }

    @Test
    void manyElectronsRunOnFewWarmJvms() {
        dispatcher(Map.of("maxInFlight", 2));
        var square = Electron.of(Steps::square);
        var sum = Electron.of(Steps::sum);
        var lattice = Lattice.of("fan", () -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                squares.add(square.call(Value.of(i)));
            }
            return sum.call(Value.list(squares));
        });

        var run = lattice.dispatch(LatticeClient.of(dispatcher));
        String id = run.id();
        Result<Integer> result = run.result(WAIT);

        assertEquals(2870, result.value(), result.toString());
        Set<String> pids = pids(dispatcher, id, 21);
        assertTrue(pids.size() <= 2, "21 electrons ran on " + pids.size() + " JVMs: " + pids);
        assertTrue(!pids.contains(Long.toString(ProcessHandle.current().pid())), "not in this JVM");
        NodeRecord last = dispatcher.store().reader().node(id, "20").orElseThrow();
        assertEquals("pool", last.details().get("mode"));
    }

    @Test
    void concurrentElectronsOnOneJvmNeverMixTheirOutput() {
        dispatcher(Map.of("maxInFlight", 4, "workerConcurrency", 4));
        var shout = Electron.of(PoolSteps::shout);
        var lattice = Lattice.of("shouts", () -> {
            List<Value<String>> tags = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tags.add(shout.call(Value.of("tag" + i), Value.of(200)));
            }
            return Electron.of(Steps::sum).call(Value.list(List.of(Value.of(0))));
        });

        var run = lattice.dispatch(LatticeClient.of(dispatcher));
        String id = run.id();
        assertEquals(DispatchStatus.COMPLETED, run.result(WAIT).status());

        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            NodeRecord node = dispatcher.store().reader().node(id, Integer.toString(i)).orElseThrow();
            pids.add(node.details().get("pid"));
            String out = "tag" + i + " line ";
            String err = "tag" + i + " err ";
            List<String> stdout = node.stdout().lines().toList();
            List<String> stderr = node.stderr().lines().toList();
            assertEquals(200, stdout.size(), node.stdout());
            assertEquals(200, stderr.size(), node.stderr());
            assertTrue(stdout.stream().allMatch(line -> line.startsWith(out)), node.stdout());
            assertTrue(stderr.stream().allMatch(line -> line.startsWith(err)), node.stderr());
        }
        assertTrue(pids.size() < 8, "8 electrons on " + pids.size() + " JVMs");
    }

    @Test
    void anElectronThatKillsItsJvmIsRunOnceMoreThenFailsNamingExitCodeAndStderrAndTheOthersResultsStand() {
        dispatcher(Map.of("maxInFlight", 2));
        var exit = Electron.of(Steps::exitHard);
        var square = Electron.of(Steps::square);
        var lattice = Lattice.of("die", () -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                squares.add(square.call(Value.of(i)));
            }
            // After the squares, on their warm JVMs: a failed node ends the dispatch and cancels what still runs, so
            // squares racing the second death would be CANCELLED on a loaded machine (CI saw it).
            List<Value<Integer>> values = new ArrayList<>();
            values.add(exit.call(Value.of(137)).after(squares.toArray(Value[]::new)));
            values.addAll(squares);
            return Electron.of(Steps::sum).call(Value.list(values));
        });

        var run = lattice.dispatch(LatticeClient.of(dispatcher));
        String id = run.id();
        Result<Integer> result = run.result(WAIT);

        assertEquals(DispatchStatus.FAILED, result.status());
        NodeRecord died = dispatcher.store().reader().node(id, "6").orElseThrow();
        assertEquals("WorkerJvmExited", died.error().type());
        assertTrue(died.error().message().contains("exited with code 137 while running this electron"), died.error().message());
        assertTrue(died.details().get("infrastructureRetry").contains("exited with code 137 while running it; re-run once"),
                died.details().toString());
        assertTrue(died.error().message().contains("ecs-lattice worker: running electron " + Steps.class.getName() + ".exitHard"),
                "names the JVM's last stderr lines: " + died.error().message());
        for (int i = 0; i < 6; i++) {
            NodeRecord squared = dispatcher.store().reader().node(id, Integer.toString(i)).orElseThrow();
            assertEquals(Status.COMPLETED, squared.status(), squared.toString());
        }
    }

    @Test
    void aJvmKilledFromOutsideIsReplacedAndItsElectronRerunOnceLabelled() throws Exception {
        dispatcher(Map.of("maxInFlight", 2));
        var sleep = Electron.of(Steps::sleep);
        var lattice = Lattice.of("nap", () -> sleep.call(Value.of(3_000)));
        var run = lattice.dispatch(LatticeClient.of(dispatcher));
        String id = run.id();
        NodeRecord running = await("the electron to run on a pool JVM").atMost(WAIT)
                .until(() -> dispatcher.store().reader().node(id, "0").orElseThrow(), n -> n.handle() != null && n.handle().details().containsKey("pid"));
        long pid = Long.parseLong(running.handle().details().get("pid"));
        // Past the JVM's hello, so the kill lands while the electron runs.
        await("the electron to start").atMost(WAIT).until(() -> Files.exists(Path.of(running.handle().details().get("workerDir"), "stderr.log"))
                && Files.readString(Path.of(running.handle().details().get("workerDir"), "stderr.log")).contains("running electron"));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Result<Integer> result = run.result(WAIT);

        assertEquals(3_000, result.value(), result.toString());
        NodeRecord node = dispatcher.store().reader().node(id, "0").orElseThrow();
        assertNotEquals(Long.toString(pid), node.details().get("pid"), "ran again on a new JVM");
        assertTrue(node.details().get("infrastructureRetry").contains("pool JVM pid " + pid + " exited with code 137"), node.details().toString());
    }

    @Test
    void aChangedClasspathGetsNewJvmsAndAnUnchangedOneReusesThem() throws Exception {
        executor = LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString(), "maxInFlight", 1));
        Path extra = Files.createDirectories(dir.resolve("extra-classes"));
        List<Path> base = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
        List<Path> withExtra = new ArrayList<>(base);
        withExtra.add(extra);

        long first = runPid("d1", base);
        long same = runPid("d2", base);
        long added = runPid("d3", withExtra);
        Files.writeString(extra.resolve("Recompiled.class"), "new contents");
        long recompiled = runPid("d4", withExtra);

        assertEquals(first, same, "same classpath and contents: the warm JVM");
        assertNotEquals(first, added, "a classpath entry more: a new JVM");
        assertNotEquals(added, recompiled, "a changed file on the classpath: a new JVM");
        await("the replaced JVMs to exit").atMost(WAIT).until(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true)
                && ProcessHandle.of(added).map(p -> !p.isAlive()).orElse(true));
    }

    /**
     * A driver SIGKILLed while its pool JVM was still starting: that JVM never began the electron, so a
     * successor's await runs it under the same handle. The "JVM" here is a script that never connects, so the
     * electron deterministically never starts; the successor's pool is a real one.
     */
    @Test
    void aTaskWhoseJvmDiedBeforeStartingItIsRunByTheSuccessorUnderTheSameHandle() throws Exception {
        Path neverConnects = dir.resolve("never-connects.sh");
        Files.writeString(neverConnects, "#!/bin/sh\nexec sleep 300\n");
        assertTrue(neverConnects.toFile().setExecutable(true));
        Map<String, Object> settings = Map.of("workDir", dir.resolve("tasks").toString(), "maxInFlight", 1);
        LocalExecutor dead = LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString(),
                "java", neverConnects.toString()));
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
        TaskSpec spec = new TaskSpec(Wire.VERSION, "d1", "0", 1, PoolSteps.class.getName(), "pid", List.of("int"),
                List.of(Wire.mapper().valueToTree(0)), "");
        TaskHandle handle = dead.submit(spec, new TaskContext("d1", "pids", classpath)).get(30, TimeUnit.SECONDS);
        dead.close();
        ProcessHandle starting = ProcessHandle.of(Long.parseLong(handle.details().get("pid"))).orElseThrow();
        starting.destroyForcibly();
        starting.onExit().get(30, TimeUnit.SECONDS);

        executor = LocalExecutor.create("local", settings);
        TaskOutcome outcome = executor.await(handle).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertTrue(outcome.result().succeeded(), String.valueOf(outcome.result().error()));
        assertNotEquals(starting.pid(), outcome.result().value().asLong(), "ran on the successor's own pool JVM");
        assertTrue(outcome.details().get("takeoverRerun").contains("never started"), outcome.details().toString());
    }

    private long runPid(String dispatchId, List<Path> classpath) throws Exception {
        TaskSpec spec = new TaskSpec(Wire.VERSION, dispatchId, "0", 1, PoolSteps.class.getName(), "pid", List.of("int"),
                List.of(Wire.mapper().valueToTree(0)), "");
        TaskHandle handle = executor.submit(spec, new TaskContext(dispatchId, "pids", classpath)).get(30, TimeUnit.SECONDS);
        TaskOutcome outcome = executor.await(handle).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(outcome.result().succeeded(), String.valueOf(outcome.result().error()));
        return outcome.result().value().asLong();
    }

    @Test
    void cancelInterruptsTheElectronAndKeepsTheJvmWarm() {
        dispatcher(Map.of("maxInFlight", 1));
        var sleep = Electron.of(Steps::sleep);
        var run = Lattice.of("nap", () -> sleep.call(Value.of(60_000))).dispatch(LatticeClient.of(dispatcher));
        String id = run.id();
        NodeRecord running = await("the electron to start").atMost(WAIT)
                .until(() -> dispatcher.store().reader().node(id, "0").orElseThrow(), n -> n.status() == Status.RUNNING);
        long pid = Long.parseLong(running.handle().details().get("pid"));
        await("the JVM to run it").atMost(WAIT).until(() -> Files.readString(Path.of(running.handle().details().get("workerDir"), "stderr.log"))
                .contains("running electron"));

        dispatcher.cancel(id);

        assertEquals(DispatchStatus.CANCELLED, run.result(WAIT).status());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the interrupted electron's JVM stays warm");
        var next = Lattice.of("pid", () -> Electron.of(PoolSteps::pid).call(Value.of(1))).dispatch(LatticeClient.of(dispatcher));
        assertEquals(pid, (long) next.result(WAIT).value());
    }

    @Test
    void anElectronThatIgnoresItsInterruptIsStoppedByKillingItsJvm() {
        dispatcher(Map.of("maxInFlight", 1));
        var stubborn = Electron.of(PoolSteps::stubborn);
        var run = Lattice.of("spin", () -> stubborn.call(Value.of(120))).dispatch(LatticeClient.of(dispatcher));
        String id = run.id();
        NodeRecord running = await("the electron to start").atMost(WAIT)
                .until(() -> dispatcher.store().reader().node(id, "0").orElseThrow(), n -> n.status() == Status.RUNNING);
        long pid = Long.parseLong(running.handle().details().get("pid"));
        await("the JVM to run it").atMost(WAIT).until(() -> Files.readString(Path.of(running.handle().details().get("workerDir"), "stderr.log"))
                .contains("running electron"));

        dispatcher.cancel(id);

        assertEquals(DispatchStatus.CANCELLED, run.result(WAIT).status());
        await("the JVM to be killed").atMost(WAIT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
