package io.ecslattice.localcloud.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS through the proxy, against a real moto server and the real SDK v2 SQS client (AWS JSON protocol),
 * plus the query protocol that older SQS clients and CloudFormation speak.
 */
class SqsThrottlingTest extends ProxyAgainstMoto {

    private static FaultPlan throttle(String service, String operation, double share) {
        return new FaultPlan(11, List.of(new FaultRule(service, operation, share, Fault.THROTTLE)), List.of());
    }

    @Test
    void sqsCallsPassThroughAndAreCountedByOperation() throws Exception {
        try (FaultProxy proxy = proxy(FaultPlan.none()); SqsClient sqs = AwsClients.sqs(proxy.endpoint(), 1)) {
            String queue = sqs.createQueue(r -> r.queueName("pass-through")).queueUrl();
            sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries(0, 3)));
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(received.get(0).receiptHandle()).visibilityTimeout(5));
            sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(deletions(received)));

            assertEquals(Set.of("m0", "m1", "m2"), bodies(received));
            FaultStats stats = proxy.stats();
            for (String key : List.of("sqs:CreateQueue", "sqs:SendMessageBatch", "sqs:ReceiveMessage",
                    "sqs:ChangeMessageVisibility", "sqs:DeleteMessageBatch")) {
                assertEquals(1, stats.of(key).forwarded(), key + " in " + stats);
            }
            assertEquals(0, stats.faultsAnswered());
        }
    }

    @Test
    void sqsThrottlingIsRequestThrottledWhichTheSdkRetriesForEachPoolCall() throws Exception {
        String queue = moto.endpoint() + "/123456789012/never-reached";
        try (FaultProxy proxy = proxy(throttle("sqs", "*", 1.0)); SqsClient sqs = AwsClients.sqs(proxy.endpoint(), 3)) {
            List<Consumer<SqsClient>> calls = List.of(
                    c -> c.sendMessageBatch(r -> r.queueUrl(queue).entries(entries(0, 2))),
                    c -> c.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)),
                    c -> c.deleteMessageBatch(r -> r.queueUrl(queue).entries(e -> e.id("0").receiptHandle("r"))),
                    c -> c.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle("r").visibilityTimeout(5)));
            for (Consumer<SqsClient> call : calls) {
                RequestThrottledException thrown = assertThrows(RequestThrottledException.class, () -> call.accept(sqs));
                assertEquals("RequestThrottled", thrown.awsErrorDetails().errorCode());
                assertEquals(400, thrown.statusCode());
                assertTrue(thrown.isThrottlingException(), "classified as throttling, so retried with throttling backoff");
            }
            FaultStats stats = proxy.stats();
            for (String key : List.of("sqs:SendMessageBatch", "sqs:ReceiveMessage", "sqs:DeleteMessageBatch",
                    "sqs:ChangeMessageVisibility")) {
                assertEquals(3, stats.of(key).throttle(), key + " retried: 3 attempts in " + stats);
                assertEquals(0, stats.of(key).forwarded(), key);
            }
        }
    }

    @Test
    void aSeededShareOfSqsThrottlingIsAbsorbedByRetriesAndEveryMessageArrivesOnce() throws Exception {
        try (FaultProxy proxy = proxy(throttle("sqs", "*", 0.3)); SqsClient sqs = AwsClients.sqs(proxy.endpoint(), 10)) {
            String queue = sqs.createQueue(r -> r.queueName("seeded-share")).queueUrl();
            for (int batch = 0; batch < 5; batch++) {
                int from = batch * 10;
                assertEquals(List.of(), sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries(from, 10))).failed());
            }
            List<String> bodies = new ArrayList<>();
            for (int receives = 0; bodies.size() < 50 && receives < 40; receives++) {
                List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                received.forEach(m -> bodies.add(m.body()));
                if (!received.isEmpty()) {
                    assertEquals(List.of(), sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(deletions(received))).failed());
                }
            }

            assertEquals(50, bodies.size(), "every message received once: " + bodies);
            assertEquals(50, new HashSet<>(bodies).size());
            FaultStats stats = proxy.stats();
            assertTrue(stats.of("sqs:SendMessageBatch").throttle() + stats.of("sqs:ReceiveMessage").throttle()
                    + stats.of("sqs:DeleteMessageBatch").throttle() > 0, "some calls were throttled: " + stats);
            assertEquals(5, stats.of("sqs:SendMessageBatch").forwarded(), "a throttled batch never reached SQS: " + stats);
        }
    }

    @Test
    void sqsQueryProtocolThrottlingIsAnXmlRequestThrottled() throws Exception {
        try (FaultProxy proxy = proxy(throttle("sqs", "SendMessage", 1.0))) {
            HttpRequest request = HttpRequest.newBuilder(proxy.endpoint().resolve("/123456789012/query-queue"))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/sqs/aws4_request, "
                            + "SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=SendMessage&MessageBody=hello&Version=2012-11-05"))
                    .build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertEquals(400, answer.statusCode());
            assertEquals("text/xml", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.body().contains("<Type>Sender</Type><Code>RequestThrottled</Code>"), answer.body());
            assertEquals(1, proxy.stats().of("sqs:SendMessage").throttle());
        }
    }

    @Test
    void queryProtocolThrottlingIsAnXmlThrottlingThatTheSdkRetries() throws Exception {
        try (FaultProxy proxy = proxy(throttle("cloudformation", "DescribeStacks", 1.0));
             CloudFormationClient cloudFormation = AwsClients.cloudFormation(proxy.endpoint(), 3)) {
            CloudFormationException thrown = assertThrows(CloudFormationException.class, cloudFormation::describeStacks);

            assertEquals("Throttling", thrown.awsErrorDetails().errorCode());
            assertEquals(400, thrown.statusCode());
            assertTrue(thrown.isThrottlingException());
            assertEquals(3, proxy.stats().of("cloudformation:DescribeStacks").throttle());
        }
    }

    private static List<SendMessageBatchRequestEntry> entries(int from, int count) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m" + (from + i)).build());
        }
        return entries;
    }

    private static List<DeleteMessageBatchRequestEntry> deletions(List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + i).receiptHandle(messages.get(i).receiptHandle()).build());
        }
        return entries;
    }

    private static Set<String> bodies(List<Message> messages) {
        Set<String> bodies = new HashSet<>();
        messages.forEach(m -> bodies.add(m.body()));
        return bodies;
    }
}
