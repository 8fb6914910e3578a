package io.ecslattice.executor.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The one class that calls SQS from the client: pool work queues and their dead-letter queues, each
 * dispatch's completion queue, batched sends, receives and deletes, and what {@code ecs-lattice pool}
 * lists and removes. Every queue is named under the stack's prefix, which is what IAM grants.
 */
final class SqsQueues {
    /** SQS's batch limit for SendMessageBatch, DeleteMessageBatch and ReceiveMessage. */
    static final int BATCH = 10;
    /** Completions wait at most SQS's longest retention, so a dispatch can be resumed days later. */
    private static final String RETENTION_SECONDS = String.valueOf(14 * 24 * 3600);

    private final SqsClient client;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsQueues(SqsClient client) {
        this.client = client;
    }

    /**
     * The URL of a pool's work queue, creating it and its dead-letter queue ({@code <name>-dlq}) when they
     * do not exist. SQS moves a message there after {@code maxReceiveCount} receives: a backstop, since the
     * worker that receives an electron once too often reports it and moves it there itself.
     */
    String ensureWorkQueue(String name, int visibilitySeconds, int maxReceiveCount) {
        return urls.computeIfAbsent(name, n -> {
            String dlq = create(n + "-dlq", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS));
            String dlqArn = client.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            return create(n, Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds),
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"));
        });
    }

    /** The URL of a dispatch's completion queue, creating it when it does not exist. */
    String ensureCompletionQueue(String name, int visibilitySeconds) {
        return urls.computeIfAbsent(name, n -> create(n, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS)));
    }

    private String create(String name, Map<QueueAttributeName, String> attributes) {
        // CreateQueue returns the existing queue's URL when its attributes match; a queue made by an
        // earlier client with other attributes is used as it is.
        try {
            return client.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        } catch (software.amazon.awssdk.services.sqs.model.QueueNameExistsException e) {
            return client.getQueueUrl(r -> r.queueName(name)).queueUrl();
        }
    }

    /** Sends up to {@link #BATCH} bodies in one call; returns the indexes SQS did not accept, with why. */
    Map<Integer, String> sendBatch(String queueUrl, List<String> bodies) {
        if (bodies.size() > BATCH) {
            throw new IllegalArgumentException("SendMessageBatch takes at most " + BATCH + " messages, got " + bodies.size());
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(bodies.get(i)).build());
        }
        Map<Integer, String> failed = new java.util.TreeMap<>();
        client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()
                .forEach(f -> failed.put(Integer.parseInt(f.id()), f.code() + ": " + f.message()));
        return failed;
    }

    /** Up to {@link #BATCH} messages, waiting up to {@code waitSeconds} for the first (long polling). */
    List<Message> receive(String queueUrl, int waitSeconds) {
        return client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    /** Deletes up to {@link #BATCH} received messages by their receipt handles, in one call. */
    void deleteBatch(String queueUrl, List<String> receiptHandles) {
        if (receiptHandles.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(receiptHandles.get(i)).build());
        }
        client.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    }

    /** The URLs of the queues whose names start with {@code prefix}. */
    List<String> list(String prefix) {
        List<String> found = new ArrayList<>();
        client.listQueuesPaginator(r -> r.queueNamePrefix(prefix).maxResults(1000)).forEach(p -> found.addAll(p.queueUrls()));
        return found;
    }

    /** Messages waiting and in flight, by SQS's approximate counts; empty when the queue is gone. */
    Optional<Map<String, String>> counts(String queueUrl) {
        try {
            Map<String, String> attributes = client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributesAsStrings();
            return Optional.of(attributes);
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** Removes every waiting message of the queue. */
    void purge(String queueUrl) {
        client.purgeQueue(r -> r.queueUrl(queueUrl));
    }

    /** Deletes the queue; nothing happens when it is already gone. */
    void delete(String queueUrl) {
        try {
            client.deleteQueue(r -> r.queueUrl(queueUrl));
        } catch (QueueDoesNotExistException e) {
            // Already gone: what the caller wanted.
        }
        urls.values().remove(queueUrl);
    }

    /** The name part of a queue URL. */
    static String name(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
