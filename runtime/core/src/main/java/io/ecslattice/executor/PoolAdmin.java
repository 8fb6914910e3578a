package io.ecslattice.executor;

import java.util.List;

/**
 * Administration of the warm-worker pools an executor type keeps outside any one process (for ECS: the SQS queues
 * under the stack's prefix), as {@code ecs-lattice pool list|drain|delete} shows and removes them. Reached through
 * {@link ExecutorFactory#poolAdmin}, so the CLI needs no executor's classes at compile time.
 */
public interface PoolAdmin extends AutoCloseable {

    /** What a pool queue is for. */
    enum Kind {
        /** A pool's electrons waiting for a worker. */
        WORK,
        /** Electrons a pool gave up on after their maximum attempts. */
        DEAD_LETTER,
        /** One dispatch's completions. */
        COMPLETION
    }

    /**
     * One queue of a pool with approximate counts.
     *
     * @param waiting  messages ready to be received
     * @param inFlight messages received and not yet deleted (electrons running, completions being read)
     */
    record PoolQueue(String name, Kind kind, long waiting, long inFlight) {
    }

    /** Every pool queue, work queues first, then dead-letter and completion queues, by name. */
    List<PoolQueue> list();

    /**
     * Removes the electrons waiting on a work queue (or the messages of a dead-letter queue); running electrons
     * finish, and the dispatch of each removed electron is told it was drained. Returns how many messages were removed.
     * Fails naming the queues there are when {@code name} is none of them.
     */
    long drain(String name);

    /** Deletes the queue (a work queue together with its dead-letter queue); returns the names deleted. */
    List<String> delete(String name);

    /** Deletes every pool queue; returns the names deleted. */
    List<String> deleteAll();

    /** Releases the clients this admin made. */
    @Override
    void close();
}
