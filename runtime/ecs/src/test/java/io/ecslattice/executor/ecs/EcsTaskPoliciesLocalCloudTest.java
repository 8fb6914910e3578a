package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Task;

/** Timeouts and per-electron resources on the ECS executor on the local cloud, asserted against moto's ECS. */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EcsTaskPoliciesLocalCloudTest {
    @TempDir
    static Path dir;
    static EcsExecutor ecs;
    static Dispatcher dispatcher;

    @BeforeAll
    static void start() {
        ecs = LocalCloud.require().executor(dir.resolve("cache")).name("ecs-policies").build();
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(ecs);
    }

    @AfterAll
    static void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private static Task described(NodeRecord node) {
        return LocalCloud.ecsTasks(ecs.settings()).describeTasks(List.of(node.handle().ref())).tasks().get(0);
    }

    @Test
    void timeoutOnEcsStopsTheTaskWithAReasonNamingTheLimit() {
        var sleepy = Electron.of(E2eElectrons::sleep).executor(ecs).timeout(Duration.ofSeconds(20));
        var lattice = Lattice.of("sleepy", (Value<Integer> s) -> sleepy.call(s));

        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), 600);
        Result<String> result = dispatch.result(Duration.ofMinutes(4));
        String id = dispatch.id();

        assertEquals(DispatchStatus.FAILED, result.status(), result.toString());
        assertEquals("Timeout", result.error().type());
        assertTrue(result.error().message().contains("ran longer than its timeout of 20 s"), result.error().message());
        Task task = described(dispatcher.store().reader().node(id, "0").orElseThrow());
        assertEquals("STOPPED", task.desiredStatus());
        assertEquals(TaskMode.timeoutReason(Duration.ofSeconds(20)), task.stoppedReason());
        AttemptRecord attempt = dispatcher.store().reader().attempts(id, "0").get(0);
        assertEquals(AttemptRecord.TIMEOUT, attempt.cause());
        assertEquals(task.stoppedReason(), attempt.details().get("stoppedReason"));
    }

    @Test
    void electronWithItsOwnSizeRunsOnATaskDefinitionOfThatSize() {
        var small = Electron.of(E2eElectrons::joinWords).executor(ecs);
        var big = Electron.of(E2eElectrons::excitement).executor(ecs).vcpu(1).memory(2);
        var lattice = Lattice.of("sized", (Value<String> a, Value<String> b) -> big.call(small.call(a, b)));

        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), "Hello", "World");
        Result<String> result = dispatch.result(Duration.ofMinutes(4));
        String id = dispatch.id();

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals("Hello, World!", result.value());
        Task smallTask = described(dispatcher.store().reader().node(id, "0").orElseThrow());
        Task bigTask = described(dispatcher.store().reader().node(id, "1").orElseThrow());
        assertEquals(ecs.taskDefinitionArn(id).orElseThrow(), smallTask.taskDefinitionArn());
        assertNotEquals(smallTask.taskDefinitionArn(), bigTask.taskDefinitionArn());
        var definition = LocalCloud.ecsTasks(ecs.settings()).taskDefinition(bigTask.taskDefinitionArn());
        assertEquals("1024", definition.cpu());
        assertEquals("2048", definition.memory());
        assertEquals("vcpu=1, memory=2", dispatcher.store().reader().node(id, "1").orElseThrow().details().get("resources"));
    }
}
