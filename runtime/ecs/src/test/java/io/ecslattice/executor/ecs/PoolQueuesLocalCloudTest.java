package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Pool queues against SQS's queue life as the strict local cloud plays it: a new queue is unusable for its first
 * second, a deleted name for 60 s (shortened here), and a queue made by an earlier client keeps its attributes
 * unless the client sets them.
 */
@Tag("local-cloud")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PoolQueuesLocalCloudTest {
    private static LocalCloud cloud;
    private static SqsClient client;

    @BeforeAll
    static void connect() {
        cloud = LocalCloud.require();
        client = SqsClient.create();
    }

    @AfterAll
    static void close() throws Exception {
        setQueueDelays("{\"deleteSeconds\": 60}");
        client.close();
    }

    @Test
    void aWorkQueueTakesElectronsAsSoonAsEnsureReturns() {
        SqsQueues queues = new SqsQueues(client);
        String queue = queues.ensureWorkQueue(name("served"), 30, 3);
        // A URL handed out during the queue's first second would make this send fail with QueueDoesNotExist.
        assertEquals(Map.of(), queues.sendBatch(queue, List.of("electron")));
        String completions = queues.ensureCompletionQueue(name("done"), 30);
        assertEquals(Map.of(), queues.sendBatch(completions, List.of("completion")));
    }

    @Test
    void aLaterClientWithMoreAttemptsRaisesTheRedriveCountAndNoClientLowersIt() {
        String name = name("redrive");
        String queue = new SqsQueues(client).ensureWorkQueue(name, 30, 3);
        assertEquals("3", maxReceiveCount(queue));
        assertEquals(String.valueOf(14 * 24 * 3600), attribute(queue, QueueAttributeName.MESSAGE_RETENTION_PERIOD));

        new SqsQueues(client).ensureWorkQueue(name, 60, 6);
        assertEquals("6", maxReceiveCount(queue), "SQS would dead-letter the 4th delivery unannounced");
        assertEquals("60", attribute(queue, QueueAttributeName.VISIBILITY_TIMEOUT));

        new SqsQueues(client).ensureWorkQueue(name, 60, 2);
        assertEquals("6", maxReceiveCount(queue), "a client with fewer attempts must not cut the others' short");
    }

    @Test
    void aNameDeletedMomentsAgoIsWaitedForThenCreated() throws Exception {
        setQueueDelays("{\"deleteSeconds\": 3}");
        SqsQueues first = new SqsQueues(client);
        String name = name("again");
        String queue = first.ensureWorkQueue(name, 30, 3);
        first.delete(queue);
        first.delete(queue + "-dlq");

        long start = System.nanoTime();
        String again = new SqsQueues(client).ensureWorkQueue(name, 30, 3);
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(queue, again);
        assertTrue(waited >= 1000, "created again after " + waited + " ms: QueueDeletedRecently was not in force");
        assertEquals("3", maxReceiveCount(again));
    }

    private static String name(String what) {
        return "EcsLatticeStack_pool-test-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String maxReceiveCount(String queue) {
        return attribute(queue, QueueAttributeName.REDRIVE_POLICY).replaceAll(".*\"maxReceiveCount\"\\s*:\\s*\"?(\\d+).*", "$1");
    }

    private static String attribute(String queue, QueueAttributeName name) {
        return client.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(name)).attributes().get(name);
    }

    private static void setQueueDelays(String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.env.get("AWS_ENDPOINT_URL") + "/_local-cloud/sqs/queue-delays"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
