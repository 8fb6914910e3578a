package io.ecslattice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.TypeRef;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.wire.TaskError;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drills of tasks that die on the local cloud, in real containers: killed with SIGKILL, exiting without a
 * result, or leaving a result object this client cannot read. Each fails its node with what happened;
 * dependents never run; independent branches finish.
 */
@Tag("local-cloud")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TaskFailureDrillTest {
    /** The label the local agent puts on each task's container (ContainerRuntime.TASK_ARN_LABEL). */
    private static final String TASK_ARN_LABEL = "io.ecslattice.local-cloud.task-arn";

    @BeforeAll
    static void localCloud() {
        Drills.localCloud();
    }

    private static EcsExecutor executor(Path dir) {
        return Drills.executor(URI.create(System.getenv("AWS_ENDPOINT_URL")), Map.of(
                "cache_dir", dir.resolve("cache").toString(), "poll_freq", 1,
                "stack_outputs_file", Drills.repoRoot().resolve("cdk-outputs.json").toString()));
    }

    /**
     * One dispatch with every way a task can die, so the drill costs one round of containers: a container
     * killed (SIGKILL, exit 137) and one exiting with 3 before writing a result, each with a dependent;
     * a result object that is not JSON and one of a future wire version; and an independent leaf.
     */
    @Test
    void tasksThatDieOrLeaveUnreadableResultsFailTheirNodesSayingWhyWhileIndependentNodesFinish(@TempDir Path dir)
            throws Exception {
        try (EcsExecutor ecs = executor(dir); Dispatcher dispatcher = Drills.dispatcher(dir, Duration.ofSeconds(30))) {
            var killed = Electron.of(DrillElectrons::waitToBeKilled).executor(ecs);
            var exits = Electron.of(DrillElectrons::exitWithoutResult).executor(ecs);
            var garbage = Electron.of(DrillElectrons::writeGarbageResult).executor(ecs);
            var future = Electron.of(DrillElectrons::writeFutureWireVersion).executor(ecs);
            var dependent = Electron.of(DrillElectrons::dependent).executor(ecs);
            var leaf = Electron.of(DrillElectrons::leaf).executor(ecs);
            var gather = Electron.of(DrillElectrons::gather).executor(ecs);
            var lattice = Lattice.of("drill-task-deaths", () -> gather.call(Value.listOf(
                    dependent.call(killed.call(Value.of(1))), dependent.call(exits.call(Value.of(2))),
                    garbage.call(Value.of(3)), future.call(Value.of(4)), leaf.call(Value.of(5)))));

            String id = lattice.dispatch(LatticeClient.of(dispatcher)).id();
            String container = awaitContainer(dispatcher, id, "waitToBeKilled", "is up and waiting to be killed");
            docker("kill", container);
            Result<List<Integer>> result = LatticeClient.of(dispatcher).attach(id, new TypeRef<List<Integer>>() { }).result(Duration.ofMinutes(3));

            assertEquals(DispatchStatus.FAILED, result.status(), result::toString);
            String killedError = failed(dispatcher, id, "waitToBeKilled").message();
            assertTrue(killedError.contains("exit code: 137"), killedError);
            assertTrue(killedError.contains("stoppedReason: Essential container in task exited"), killedError);
            assertTrue(killedError.contains("drill: task 1 is up and waiting to be killed"), "last log lines: " + killedError);
            String exitError = failed(dispatcher, id, "exitWithoutResult").message();
            assertTrue(exitError.contains("exit code: 3"), exitError);
            assertTrue(exitError.contains("drill: task 2 exits with 3 and writes no result"), "last log lines: " + exitError);
            TaskError notJson = failed(dispatcher, id, "writeGarbageResult");
            assertEquals("InvalidResult", notJson.type());
            assertTrue(notJson.message().contains("is not a valid task result"), notJson.message());
            TaskError otherVersion = failed(dispatcher, id, "writeFutureWireVersion");
            assertEquals("IncompatibleResult", otherVersion.type());
            assertTrue(otherVersion.message().contains("wire version 99"), otherVersion.message());
            for (NodeRecord node : dispatcher.store().reader().nodes(id)) {
                if (node.name().equals("dependent") || node.name().equals("gather")) {
                    assertNotEquals(Status.COMPLETED, node.status(), node.name() + " must not run");
                    assertNull(node.handle(), node.name() + " never started a task");
                }
            }
            NodeRecord independent = Drills.node(dispatcher, id, "leaf");
            assertEquals(Status.COMPLETED, independent.status(), "the independent branch finished");
            assertEquals(5, independent.output().asInt());
        }
    }

    private static TaskError failed(Dispatcher dispatcher, String id, String name) {
        NodeRecord node = Drills.node(dispatcher, id, name);
        assertEquals(Status.FAILED, node.status(), name);
        return node.error();
    }

    /** Waits for the node's task to run in a container that has printed {@code line}; returns the container id. */
    private static String awaitContainer(Dispatcher dispatcher, String id, String node, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            NodeRecord record = Drills.node(dispatcher, id, node);
            if (record.handle() != null) {
                String container = docker("ps", "-q", "--filter", "label=" + TASK_ARN_LABEL + "=" + record.handle().ref()).trim();
                if (!container.isEmpty() && docker("logs", container).contains(line)) {
                    return container;
                }
            }
            Thread.sleep(500);
        }
        fail("the container of node " + node + " of " + id + " never printed: " + line);
        return null;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("docker " + String.join(" ", args) + " did not finish in 30 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("docker " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
