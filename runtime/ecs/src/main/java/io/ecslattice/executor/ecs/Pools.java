package io.ecslattice.executor.ecs;

import io.ecslattice.executor.PoolAdmin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
                continue;   // another stack whose name starts with this one's, or someone else's queue
            }
            sqs.counts(url).ifPresent(counts -> queues.add(new Listed(new PoolQueue(name, kind.get(),
                    count(counts, "ApproximateNumberOfMessages"), count(counts, "ApproximateNumberOfMessagesNotVisible")), url)));
        }
        queues.sort(Comparator.comparing((Listed l) -> l.queue().kind()).thenComparing(l -> l.queue().name()));
        return queues;
    }

    /**
     * Removes the electrons waiting on a work queue (or the messages of a dead-letter queue); running electrons
     * finish, and the workers then stop when idle. Returns how many messages were waiting.
     */
    @Override
    public long drain(String name) {
        Listed queue = find(name);
        if (queue.queue().kind() == Kind.COMPLETION) {
            throw new IllegalArgumentException(name + " is a dispatch's completion queue; drain takes a work or dead-letter"
                    + " queue (cancel the dispatch instead: ecs-lattice cancel <id>)");
        }
        sqs.purge(queue.url());
        return queue.queue().waiting();
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
