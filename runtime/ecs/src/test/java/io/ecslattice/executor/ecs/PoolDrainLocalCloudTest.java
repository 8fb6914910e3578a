package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.wire.Keys;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.WorkMessage;
import io.ecslattice.wire.Wire;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code pool drain} of a work queue removes the waiting electrons only: one a worker has received (running) keeps
 * its receipt and finishes, and the dispatch of each removed one is told, so it fails instead of waiting forever.
 */
@Tag("local-cloud")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PoolDrainLocalCloudTest {

    @Test
    void drainRemovesWaitingElectronsTellsTheirDispatchAndLeavesRunningOnes() throws Exception {
        LocalCloud.require();
        try (SqsClient client = SqsClient.create()) {
            String stack = "Drain" + UUID.randomUUID().toString().substring(0, 8);
            String prefix = QueueNames.prefix(stack);
            SqsQueues sqs = new SqsQueues(client);
            String work = sqs.ensureWorkQueue(prefix + "pool-256-512-x86_64-ondemand", 60, 3);
            String completions = sqs.ensureCompletionQueue(prefix + "done-d1", 60);
            sqs.sendBatch(work, List.of(electron("running-node", completions)));
            Message running = client.receiveMessage(r -> r.queueUrl(work).waitTimeSeconds(5)).messages().get(0);
            sqs.sendBatch(work, List.of(electron("waiting-node", completions)));

            try (Pools pools = new Pools(sqs, stack, () -> { })) {
                assertEquals(1, pools.drain(prefix + "pool-256-512-x86_64-ondemand"));
            }

            // The running electron's worker still holds it: it can extend it and delete it when done.
            client.changeMessageVisibility(r -> r.queueUrl(work).receiptHandle(running.receiptHandle()).visibilityTimeout(120));
            List<Message> told = client.receiveMessage(r -> r.queueUrl(completions).waitTimeSeconds(5)).messages();
            assertEquals(1, told.size(), "one completion, for the drained electron");
            PoolEvent event = Wire.mapper().readValue(told.get(0).body(), PoolEvent.class);
            assertEquals("waiting-node", event.nodeId());
            assertEquals(Pools.DRAINED, event.result().error().type());
            assertTrue(event.result().error().message().contains("pool drain"), event.result().error().message());
        }
    }

    /** A work message whose spec is staged in S3, as a large spec is. */
    private static String electron(String node, String completions) throws Exception {
        String prefix = "s3://bucket/" + Keys.key("ecs-lattice", "d1", node, 1) + "/";
        return Wire.mapper().writeValueAsString(new WorkMessage(Wire.VERSION, "image:v1", null, prefix + "spec.json",
                completions, prefix + "cancel", UUID.randomUUID().toString(), prefix + "claim"));
    }
}
