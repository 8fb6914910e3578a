package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.NodeRecord;
import io.ecslattice.testing.ReclaimingExecutor;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task lost to the infrastructure (Spot reclaimed, a start that timed out) is started again, a bounded number of times. */
class InfrastructureRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private Result<Integer> run(int reclaimed) {
        dispatcher = TestDispatchers.inProcess(dir, 2);
        var square = Electron.of(Steps::square).executor(new ReclaimingExecutor(reclaimed));
        return Lattice.of("spot", () -> square.call(Value.of(3))).dispatch(LatticeClient.of(dispatcher)).result(WAIT);
    }

    @Test
    void nodeWhoseTaskWasReclaimedRunsAgainAndItsRecordSaysSo() {
        Result<Integer> result = run(2);

        assertEquals(DispatchStatus.COMPLETED, result.status(), result.toString());
        assertEquals(3, result.value(), "the third attempt's answer");
        NodeRecord node = dispatcher.store().reader().nodes(result.dispatchId()).get(0);
        assertEquals(3, node.attempt());
        assertEquals("attempt 1 (0/attempt-1): SpotInterruption: Your Spot Task was interrupted.; "
                + "attempt 2 (0/attempt-2): SpotInterruption: Your Spot Task was interrupted.",
                node.details().get("infrastructureRetries"));
    }

    @Test
    void afterTheLastAttemptTheNodeFailsWithTheInfrastructureError() {
        Result<Integer> result = run(DispatchRun.INFRASTRUCTURE_ATTEMPTS);

        assertEquals(DispatchStatus.FAILED, result.status());
        NodeRecord node = dispatcher.store().reader().node(result.dispatchId(), result.failedNodeId()).orElseThrow();
        assertEquals("SpotInterruption", node.error().type());
        assertEquals(DispatchRun.INFRASTRUCTURE_ATTEMPTS, node.attempt());
        assertTrue(node.details().get("infrastructureRetries").startsWith("attempt 1 "), node.details().toString());
    }
}
