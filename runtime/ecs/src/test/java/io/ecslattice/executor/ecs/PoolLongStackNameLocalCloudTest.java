package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack named with more than 38 characters (CloudFormation takes 128) still runs pool electrons: its queues
 * are named under a shortened prefix that fits SQS's 80 characters (the strict local cloud refuses longer
 * names as SQS does), and {@code pool list} still says which queue is whose.
 */
@Tag("local-cloud")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoolLongStackNameLocalCloudTest {
    @TempDir
    Path cache;

    @Test
    void poolElectronsOfAStackWithA66CharacterNameRunOnQueuesWithinSqsLimits() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String stack = "EcsLatticeStack-for-the-data-platform-team-in-eu-west-1-production";
        // The deployed stack's outputs under the long name: the name is all that differs.
        ObjectNode outputs = Wire.mapper().createObjectNode();
        outputs.set(stack, Wire.mapper().readTree(cloud.outputsFile.toFile()).path("EcsLatticeStack"));
        Path outputsFile = cache.resolve("cdk-outputs.json");
        Files.writeString(outputsFile, Wire.mapper().writeValueAsString(outputs));

        try (EcsExecutor executor = cloud.executor(cache).stackOutputsFile(outputsFile.toString()).set("stack_name", stack)
                .set("mode", "pool").set("pool_max_workers", 1).set("pool_idle_seconds", 10).build()) {
            String dispatch = UUID.randomUUID().toString();
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            TaskHandle handle = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "sq", "square", List.of("int"), 9),
                    context).get(2, TimeUnit.MINUTES);
            TaskOutcome outcome = executor.await(handle).get(3, TimeUnit.MINUTES);
            assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
            assertEquals(81, outcome.result().value().asInt());

            String prefix = "EcsLatticeStack-for-the-data--0537845f_";
            Set<String> queues = executor.pools().list().stream().map(q -> q.kind() + " " + q.name()).collect(Collectors.toSet());
            assertTrue(queues.contains("WORK " + prefix + "pool-256-512-x86_64-ondemand"), queues.toString());
            assertTrue(queues.contains("DEAD_LETTER " + prefix + "pool-256-512-x86_64-ondemand-dlq"), queues.toString());
            assertTrue(queues.contains("COMPLETION " + prefix + "done-" + dispatch), queues.toString());
            executor.dispatchEnded(dispatch);
        }
    }
}
