package io.ecslattice.executor.ecs;

import io.ecslattice.wire.Keys;
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
public final class Pools {
    /** What a queue under the prefix is for. */
    public enum Kind {
        /** A pool shape's electrons. */
        WORK,
        /** Electrons a pool gave up on after task_max_attempts. */
        DEAD_LETTER,
        /** One dispatch's completions. */
        COMPLETION
    }

    /**
     * One queue with SQS's approximate counts.
     *
     * @param waiting  messages ready to be received
     * @param inFlight messages received and not yet deleted (electrons running, completions being read)
     */
    public record PoolQueue(String name, String url, Kind kind, long waiting, long inFlight) {
    }

    private final SqsQueues sqs;
    private final String prefix;

    Pools(SqsQueues sqs, String stackName) {
        this.sqs = sqs;
        this.prefix = Keys.queueNamePart(stackName) + "-";   // as PoolShape names the queues
    }

    /** Every pool queue of the stack, work queues first, then dead-letter and completion queues, by name. */
    public List<PoolQueue> list() {
        List<PoolQueue> queues = new ArrayList<>();
        for (String url : sqs.list(prefix)) {
            String name = SqsQueues.name(url);
            Optional<Kind> kind = kind(name);
            if (kind.isEmpty()) {
                continue;   // another stack whose name starts with this one's, or someone else's queue
            }
            sqs.counts(url).ifPresent(counts -> queues.add(new PoolQueue(name, url, kind.get(),
                    count(counts, "ApproximateNumberOfMessages"), count(counts, "ApproximateNumberOfMessagesNotVisible"))));
        }
        queues.sort(Comparator.comparing(PoolQueue::kind).thenComparing(PoolQueue::name));
        return queues;
    }

    /**
     * Removes the electrons waiting on a work queue (or the messages of a dead-letter queue); running electrons
     * finish, and the workers then stop when idle. Returns how many messages were waiting.
     */
    public long drain(String name) {
        PoolQueue queue = find(name);
        if (queue.kind() == Kind.COMPLETION) {
            throw new IllegalArgumentException(name + " is a dispatch's completion queue; drain takes a work or dead-letter"
                    + " queue (cancel the dispatch instead: ecs-lattice cancel <id>)");
        }
        sqs.purge(queue.url());
        return queue.waiting();
    }

    /** Deletes the queue (a work queue together with its dead-letter queue); returns the names deleted. */
    public List<String> delete(String name) {
        PoolQueue queue = find(name);
        List<String> deleted = new ArrayList<>();
        sqs.delete(queue.url());
        deleted.add(queue.name());
        if (queue.kind() == Kind.WORK) {
            list().stream().filter(q -> q.name().equals(queue.name() + "-dlq")).forEach(dlq -> {
                sqs.delete(dlq.url());
                deleted.add(dlq.name());
            });
        }
        return deleted;
    }

    /** Deletes every pool queue of the stack; returns the names deleted. */
    public List<String> deleteAll() {
        List<String> deleted = new ArrayList<>();
        for (PoolQueue queue : list()) {
            sqs.delete(queue.url());
            deleted.add(queue.name());
        }
        return deleted;
    }

    /** The queue of that name, or an error naming the queues there are. */
    public PoolQueue find(String name) {
        List<PoolQueue> all = list();
        return all.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no pool queue named " + name + " under " + prefix + "*; there are: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(PoolQueue::name).toList()))));
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
}
