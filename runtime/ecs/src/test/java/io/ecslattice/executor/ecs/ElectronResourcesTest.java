package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.config.ConfigException;
import io.ecslattice.config.ConfigSource;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattice1;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An electron's own resources on the ECS executor are checked at dispatch like the executor's settings, before
 * anything is recorded or any AWS call is made (the executor is built from settings alone; nothing here reaches
 * an endpoint).
 */
class ElectronResourcesTest {

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private EcsExecutor ecs;

    @BeforeEach
    void open() {
        EcsSettings settings = EcsSettingsResolver.resolve(Map.of("ecs_task_subnet_id", "subnet-12345678",
                "ecs_task_security_group_id", "sg-12345678", "region", "us-east-1"), Map.of(), ConfigSource.builder(),
                new AwsEnvironment(Map.of(), java.nio.file.Path.of("/nonexistent")), (s, f, c) -> Optional.empty(), e -> null);
        ecs = new EcsExecutor("ecs", settings, AwsCallCounter.create());
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        dispatcher.registry().register(ecs);
    }

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private ConfigException rejected(Lattice1<String, String> lattice) {
        ConfigException e = assertThrows(ConfigException.class, () -> lattice.dispatch(LatticeClient.of(dispatcher), "x"));
        assertTrue(dispatcher.store().reader().listDispatches(10, 0).isEmpty(), "nothing recorded: " + e.getMessage());
        assertEquals(Map.of(), ecs.awsCalls().calls(), "no AWS call: " + e.getMessage());
        return e;
    }

    @Test
    void memoryThatIsNotAFargatePairWithTheElectronsVcpuIsRejectedNamingTheValidSizes() {
        var big = Electron.of(E2eElectrons::excitement).executor(ecs).vcpu(1).memory(0.5);
        ConfigException e = rejected(Lattice.of("big", (Value<String> s) -> big.call(s)));
        assertTrue(e.getMessage().contains("node 0 (excitement) of lattice big on executor ecs: memory=0.5 is not Fargate memory "
                + "(GB) for vcpu=1; valid: 2, 3, 4, 5, 6, 7, 8"), e.getMessage());
        assertTrue(e.getMessage().contains("change .vcpu(...)/.memory(...) on the electron"), e.getMessage());
    }

    @Test
    void vcpuThatFargateDoesNotOfferIsRejected() {
        var odd = Electron.of(E2eElectrons::excitement).executor(ecs).vcpu(3);
        ConfigException e = rejected(Lattice.of("odd", (Value<String> s) -> odd.call(s)));
        assertTrue(e.getMessage().contains("vcpu=3 is not a Fargate CPU value; valid: 0.25, 0.5, 1, 2, 4, 8, 16"), e.getMessage());
    }

    @Test
    void spotOnArm64IsRejected() {
        var arm = Electron.of(E2eElectrons::excitement).executor(ecs).cpuArchitecture("ARM64").spot(true);
        ConfigException e = rejected(Lattice.of("arm", (Value<String> s) -> arm.call(s)));
        assertTrue(e.getMessage().contains("Fargate Spot does not run ARM64 tasks"), e.getMessage());
    }

    @Test
    void electronVcpuWithTheExecutorsMemoryIsCheckedAsAPair() {
        // The executor's memory is 0.5 GB; 2 vCPUs need 4 to 16.
        var wide = Electron.of(E2eElectrons::excitement).executor(ecs).vcpu(2);
        ConfigException e = rejected(Lattice.of("wide", (Value<String> s) -> wide.call(s)));
        assertTrue(e.getMessage().contains("memory=0.5 is not Fargate memory (GB) for vcpu=2"), e.getMessage());
        assertTrue(e.getMessage().contains("memory from default"), e.getMessage());
    }

    @Test
    void validPairIsAccepted() {
        assertEquals(Optional.empty(), ecs.resourcesProblem(new io.ecslattice.executor.TaskResources(
                java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(2), "ARM64", false)));
    }
}
