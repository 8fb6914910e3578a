package io.ecslattice.executor.ecs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.S3Storage;
import io.ecslattice.wire.TaskSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A pool electron that runs longer than SQS keeps a message invisible (12 h from its receipt; 20 s here, the
 * local cloud's cap shortened through its control endpoint for this test's work queue alone, a pool shape no
 * other test uses, so tests running beside it keep the 12 h cap) runs once: its message reappears while it runs,
 * and the idle worker that receives it finds the attempt's heartbeat fresh and puts the message back instead
 * of running a second copy; once the electron finished, the put-back copy is dropped unrun.
 */
@Tag("local-cloud")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PoolLongElectronLocalCloudTest {
    private static final int CAP_SECONDS = 20;

    @TempDir
    Path cache;

    @Test
    void anElectronThatOutlivesTheVisibilityCapRunsOnce() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        try (EcsExecutor executor = cloud.executor(cache).set("mode", "pool").set("memory", 2.0).set("pool_min_workers", 2)
                .set("pool_max_workers", 2).set("pool_idle_seconds", 60).set("pool_visibility_seconds", 10).build()) {
            workQueue = PoolShape.of(executor.settings()).queueName(QueueNames.prefix(executor.settings().stackName()));
            setVisibilityCap(cloud, CAP_SECONDS, workQueue);
            String dispatch = UUID.randomUUID().toString();
            String runs = "s3://" + executor.settings().s3BucketName() + "/drills/" + dispatch + "/runs/";
            TaskSpec spec = EcsExecutorLocalCloudTest.spec(dispatch, "long", "sleepCountingRuns",
                    List.of("java.lang.String", "int"), runs, 2 * CAP_SECONDS + 5);
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            TaskHandle handle = executor.submit(spec, context).get(2, TimeUnit.MINUTES);
            TaskOutcome outcome = executor.await(handle).get(4, TimeUnit.MINUTES);

            assertTrue(outcome.result().succeeded(), () -> String.valueOf(outcome.result().error()));
            assertEquals(2 * CAP_SECONDS + 5, outcome.result().value().asInt());
            assertEquals(workQueue, SqsQueues.name(handle.details().get("workQueue")), "the work queue whose cap is short");
            try (SqsClient sqs = SqsClient.create()) {
                // The copy put back while the electron ran comes again after its delay and is dropped unrun.
                await("every copy of the electron taken off " + workQueue).atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofSeconds(1)).until(() -> inQueue(sqs, handle.details().get("workQueue")) == 0);
            }
            try (S3Storage s3 = new S3Storage()) {
                assertEquals(1, s3.list(runs).size(), "runs of the electron: " + s3.list(runs));
            }
        } finally {
            if (workQueue != null) {
                setVisibilityCap(cloud, 43200, workQueue);
            }
        }
    }

    private static int inQueue(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
    }

    private String workQueue;

    private static void setVisibilityCap(LocalCloud cloud, int seconds, String queuePrefix) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.env.get("AWS_ENDPOINT_URL") + "/_local-cloud/sqs/visibility-cap"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\": " + seconds + ", \"queuePrefix\": \"" + queuePrefix + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "the local cloud's SQS visibility cap: " + response.body());
    }
}
