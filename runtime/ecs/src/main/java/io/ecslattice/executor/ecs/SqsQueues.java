package io.ecslattice.executor.ecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
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
    static final Duration RETENTION = Duration.ofDays(14);
    private static final String RETENTION_SECONDS = String.valueOf(RETENTION.toSeconds());
    private static final Logger LOG = LoggerFactory.getLogger(SqsQueues.class);
    /** How long a new queue may answer QueueDoesNotExist before it is taken as an error (SQS: about a second). */
    static final Duration SETTLE_WAIT = Duration.ofSeconds(10);
    /** How long a name deleted within SQS's 60 s is waited for before giving up. */
    static final Duration DELETED_RECENTLY_WAIT = Duration.ofSeconds(65);
    private static final Duration POLL = Duration.ofMillis(200);
    /** "You must wait at least one second after the queue is created to be able to use the queue" (CreateQueue). */
    private static final Duration NEW_QUEUE_WAIT = Duration.ofMillis(1100);

    private final SqsClient client;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsQueues(SqsClient client) {
        this.client = client;
    }

    /**
     * The URL of a pool's work queue, creating it and its dead-letter queue ({@code <name>-dlq}) when they
     * do not exist. SQS moves a message there after {@code maxReceiveCount} receives: a backstop, since the
     * worker that receives an electron once too often reports it and moves it there itself. A queue made by an
     * earlier client is brought to these attributes, its redrive count only ever raised: a lower count than a
     * client's retries would make SQS dead-letter an electron before its worker reports it, and nobody would.
     * Electrons wait up to SQS's longest retention, not its 4-day default, for a pool that had no workers.
     */
    String ensureWorkQueue(String name, int visibilitySeconds, int maxReceiveCount) {
        return urls.computeIfAbsent(name, n -> {
            String dlq = create(n + "-dlq", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS));
            String dlqArn = attributes(dlq, QueueAttributeName.QUEUE_ARN).get(QueueAttributeName.QUEUE_ARN);
            Map<QueueAttributeName, String> wanted = Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds),
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS,
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqArn, maxReceiveCount));
            String url = create(n, wanted);
            reconcile(url, wanted, dlqArn, maxReceiveCount);
            return url;
        });
    }

    /** The URL of a dispatch's completion queue, creating it when it does not exist. */
    String ensureCompletionQueue(String name, int visibilitySeconds) {
        return urls.computeIfAbsent(name, n -> create(n, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS)));
    }

    private static String redrivePolicy(String deadLetterArn, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    }

    /** Sets what differs from {@code wanted} on an existing work queue; its redrive count stays when it is higher. */
    private void reconcile(String url, Map<QueueAttributeName, String> wanted, String dlqArn, int maxReceiveCount) {
        Map<QueueAttributeName, String> now = attributes(url, wanted.keySet().toArray(QueueAttributeName[]::new));
        Map<QueueAttributeName, String> change = new java.util.EnumMap<>(QueueAttributeName.class);
        wanted.forEach((key, value) -> {
            if (key != QueueAttributeName.REDRIVE_POLICY && !value.equals(now.get(key))) {
                change.put(key, value);
            }
        });
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("\"maxReceiveCount\"\\s*:\\s*\"?(\\d+)")
                .matcher(now.getOrDefault(QueueAttributeName.REDRIVE_POLICY, ""));
        int current = count.find() ? Integer.parseInt(count.group(1)) : 0;
        if (current < maxReceiveCount || !now.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "").contains(dlqArn)) {
            change.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqArn, Math.max(current, maxReceiveCount)));
        }
        if (!change.isEmpty()) {
            LOG.info("pool queue {} was made with other attributes ({}); setting {}", name(url), now, change);
            client.setQueueAttributes(r -> r.queueUrl(url).attributes(change));
        }
    }

    /**
     * Creates the queue (or finds the one of that name) and returns its URL once SQS serves it: a new queue
     * answers QueueDoesNotExist for about a second ("you must wait at least one second after the queue is created
     * to be able to use the queue", CreateQueue API reference), and a worker that got the URL before then would
     * find no queue. A name deleted less than 60 s ago cannot be created again (QueueDeletedRecently): that is
     * waited out too, saying so.
     */
    private String create(String name, Map<QueueAttributeName, String> attributes) {
        long start = System.nanoTime();
        long said = 0;
        while (true) {
            try {
                String url = existing(name);
                if (url == null) {
                    try {
                        url = client.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
                        // The second SQS asks for before a new queue is used: probing it sooner is only refused.
                        pause(NEW_QUEUE_WAIT);
                    } catch (QueueNameExistsException e) {
                        // Another client made it meanwhile with other attributes; ensureWorkQueue brings those in line.
                        url = client.getQueueUrl(r -> r.queueName(name)).queueUrl();
                    }
                }
                awaitUsable(url);
                return url;
            } catch (QueueDoesNotExistException e) {
                // Another client created it less than a second ago: SQS calls the name taken (QueueNameExists) yet
                // does not serve the queue (GetQueueUrl: QueueDoesNotExist) until its settling second is over.
                if (System.nanoTime() - start > SETTLE_WAIT.toNanos()) {
                    throw new IllegalStateException("SQS neither creates queue " + name + " (the name is taken) nor"
                            + " serves it after " + SETTLE_WAIT.toSeconds() + " s", e);
                }
                pause(POLL);
            } catch (QueueDeletedRecentlyException e) {
                long waited = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                if (waited > DELETED_RECENTLY_WAIT.toSeconds()) {
                    throw new IllegalStateException("SQS still refuses to create queue " + name + " after " + waited
                            + " s: a queue of that name was deleted less than 60 s ago (QueueDeletedRecently: "
                            + e.awsErrorDetails().errorMessage() + "); run again in a minute", e);
                }
                if (waited >= said) {
                    LOG.warn("queue {} was deleted less than 60 s ago (ecs-lattice pool delete, or by hand); SQS lets"
                            + " the name be used again 60 s after the deletion: waiting ({} s so far, at most {} s)", name,
                            waited, DELETED_RECENTLY_WAIT.toSeconds());
                    said = waited + 10;
                }
                pause(POLL);
            }
        }
    }

    /** The URL of queue {@code name}, or null when there is none (then it is created, and waited for). */
    private String existing(String name) {
        try {
            return client.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return null;
        }
    }

    /** Returns once SQS serves the new queue, or fails after {@link #SETTLE_WAIT}. */
    private void awaitUsable(String url) {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (true) {
            try {
                attributes(url, QueueAttributeName.QUEUE_ARN);
                return;
            } catch (QueueDoesNotExistException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SQS created queue " + name(url) + " but still answers"
                            + " QueueDoesNotExist for it after " + SETTLE_WAIT.toSeconds() + " s", e);
                }
                pause(POLL);
            }
        }
    }

    private Map<QueueAttributeName, String> attributes(String url, QueueAttributeName... names) {
        return client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(names)).attributes();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());   // the poll period of a bounded wait on SQS
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an SQS queue", e);
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

    /** As {@link #receive(String, int)}, the messages invisible for {@code visibilitySeconds} rather than the queue's own. */
    List<Message> receive(String queueUrl, int waitSeconds, int visibilitySeconds) {
        return client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH).waitTimeSeconds(waitSeconds)
                .visibilityTimeout(visibilitySeconds)
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
