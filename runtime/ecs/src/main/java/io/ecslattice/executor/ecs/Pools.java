package io.ecslattice.executor.ecs;

import io.ecslattice.executor.PoolAdmin;
import io.ecslattice.taskrunner.S3Location;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.WorkMessage;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The pool queues of one stack, as {@code ecs-lattice pool} shows and removes them: each pool shape's work
 * queue with its dead-letter queue, and each dispatch's completion queue, all named under the stack's
 * prefix. Queues are not stack resources, so {@code cdk destroy} leaves them; {@link #deleteAll()} removes them.
 * Workers need nothing removed: they stop themselves after {@code pool_idle_seconds} without work.
 */
public final class Pools implements PoolAdmin {
    /** A queue as listed, with the URL the SQS calls need. */
    private record Listed(PoolQueue queue, String url) {
    }

    /** The error type a drained electron fails with. */
    public static final String DRAINED = "PoolDrained";
    /** At most this many receives of ten by one drain: a bound, should workers' put-back copies keep arriving. */
    private static final int MAX_DRAIN_ROUNDS = 10_000;
    private static final int DRAIN_VISIBILITY_SECONDS = 300;

    private final SqsQueues sqs;
    private final String prefix;
    private final AutoCloseable clients;

    /**
     * @param clients what {@link #close()} closes: the AWS clients made for this admin alone, or nothing when they are
     *                an executor's
     */
    Pools(SqsQueues sqs, String stackName, AutoCloseable clients) {
        this.sqs = sqs;
        this.prefix = QueueNames.prefix(stackName);
        this.clients = clients;
    }

    /** Every pool queue of the stack, work queues first, then dead-letter and completion queues, by name. */
    @Override
    public List<PoolQueue> list() {
        return listed().stream().map(Listed::queue).toList();
    }

    private List<Listed> listed() {
        List<Listed> queues = new ArrayList<>();
        for (String url : sqs.list(prefix)) {
            String name = SqsQueues.name(url);
            Optional<Kind> kind = kind(name);
            if (kind.isEmpty()) {
                continue;   // someone else's queue under this prefix
            }
            sqs.counts(url).ifPresent(counts -> queues.add(new Listed(new PoolQueue(name, kind.get(),
                    count(counts, "ApproximateNumberOfMessages"), count(counts, "ApproximateNumberOfMessagesNotVisible")), url)));
        }
        queues.sort(Comparator.comparing((Listed l) -> l.queue().kind()).thenComparing(l -> l.queue().name()));
        return queues;
    }

    /**
     * Removes the electrons waiting on a work queue (or the messages of a dead-letter queue); running electrons
     * finish, and the workers then stop when idle. Returns how many messages were removed. A work queue is not
     * purged: PurgeQueue deletes in-flight messages too, so running electrons would lose their receipts. Each
     * waiting electron is received, its dispatch told on its completion queue that it was drained (a failure
     * of type {@value #DRAINED}, so no client waits for it forever), and then deleted.
     */
    @Override
    public long drain(String name) {
        Listed queue = find(name);
        if (queue.queue().kind() == Kind.COMPLETION) {
            throw new IllegalArgumentException(name + " is a dispatch's completion queue; drain takes a work or dead-letter"
                    + " queue (cancel the dispatch instead: ecs-lattice cancel <id>)");
        }
        if (queue.queue().kind() == Kind.DEAD_LETTER) {
            try {
                sqs.purge(queue.url());   // dead letters: nobody runs or awaits them any more
            } catch (PurgeQueueInProgressException e) {
                throw new IllegalStateException(name + " was purged less than 60 s ago and SQS allows one purge of a"
                        + " queue per 60 s (PurgeQueueInProgress); run pool drain again in a minute", e);
            }
            return queue.queue().waiting();
        }
        long removed = 0;
        for (int round = 0; round < MAX_DRAIN_ROUNDS; round++) {
            // Held well past the pool's own visibility (2 s at least), so no worker takes one while its dispatch is told.
            List<Message> messages = sqs.receive(queue.url(), 1, DRAIN_VISIBILITY_SECONDS);
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                tellDrained(message, name);
            }
            sqs.deleteBatch(queue.url(), messages.stream().map(Message::receiptHandle).toList());
            removed += messages.size();
        }
        return removed;
    }

    /** Sends the electron's dispatch a failed completion saying it was drained; nothing when its dispatch ended. */
    private void tellDrained(Message message, String queueName) {
        WorkMessage work;
        try {
            work = Wire.mapper().readValue(message.body(), WorkMessage.class);
        } catch (IOException e) {
            return;   // not an electron of this version: nobody awaits it through a completion we could write
        }
        String dispatchId;
        String nodeId;
        int attempt;
        if (work.spec() != null) {
            dispatchId = work.spec().dispatchId();
            nodeId = work.spec().nodeId();
            attempt = work.spec().attempt();
        } else {
            // ecs-lattice/<dispatch>/<node>/<attempt>/cancel (SpecStaging.objectPrefix), each part a Keys segment.
            String[] parts = S3Location.parse(work.cancelUri()).key().split("/");
            dispatchId = Keys.decode(parts[1]);
            nodeId = Keys.decode(parts[2]);
            attempt = Integer.parseInt(Keys.decode(parts[3]));
        }
        Instant now = Instant.now();
        TaskResult result = new TaskResult(Wire.VERSION, dispatchId, nodeId, null, new TaskError(DRAINED, "removed from pool"
                + " queue " + queueName + " by ecs-lattice pool drain before any worker ran it", ""), "", "", now, now);
        int delivery = Integer.parseInt(message.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1"));
        try {
            String body = Wire.mapper().writeValueAsString(new PoolEvent(Wire.VERSION, PoolEvent.Kind.DONE, dispatchId,
                    nodeId, attempt, delivery, "ecs-lattice pool drain", result, null, null));
            sqs.sendBatch(work.completionQueueUrl(), List.of(body));
        } catch (QueueDoesNotExistException e) {
            // Its dispatch ended and deleted its completion queue: nobody waits for this electron.
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the drained completion of node " + nodeId + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the queue (a work queue together with its dead-letter queue); returns the names deleted. */
    @Override
    public List<String> delete(String name) {
        Listed queue = find(name);
        List<String> deleted = new ArrayList<>();
        sqs.delete(queue.url());
        deleted.add(name);
        if (queue.queue().kind() == Kind.WORK) {
            listed().stream().filter(l -> l.queue().name().equals(name + "-dlq")).forEach(dlq -> {
                sqs.delete(dlq.url());
                deleted.add(dlq.queue().name());
            });
        }
        return deleted;
    }

    /** Deletes every pool queue of the stack; returns the names deleted. */
    @Override
    public List<String> deleteAll() {
        List<String> deleted = new ArrayList<>();
        for (Listed queue : listed()) {
            sqs.delete(queue.url());
            deleted.add(queue.queue().name());
        }
        return deleted;
    }

    /** The queue of that name, or an error naming the queues there are. */
    private Listed find(String name) {
        List<Listed> all = listed();
        return all.stream().filter(l -> l.queue().name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no pool queue named " + name + " under " + prefix + "*; there are: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(l -> l.queue().name()).toList()))));
    }

    private Optional<Kind> kind(String name) {
        if (name.startsWith(prefix + "done-")) {
            return Optional.of(Kind.COMPLETION);
        }
        if (name.startsWith(prefix + "pool-")) {
            return Optional.of(name.endsWith("-dlq") ? Kind.DEAD_LETTER : Kind.WORK);
        }
        return Optional.empty();
    }

    private static long count(Map<String, String> counts, String key) {
        String value = counts.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public void close() {
        try {
            clients.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the AWS clients of the pools of " + prefix + "*: " + e.getMessage(), e);
        }
    }
}
