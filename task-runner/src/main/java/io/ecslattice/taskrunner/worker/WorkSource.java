package io.ecslattice.taskrunner.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where a worker takes its electrons from: an SQS queue on ECS, a local socket to the executor that
 * started the JVM, or memory in tests. Implementations are thread-safe: items are acknowledged from
 * the threads that ran them while the loop receives more.
 */
public interface WorkSource extends AutoCloseable {

    /**
     * Up to {@code max} items, waiting at most {@code wait} for the first; an empty list when none came.
     *
     * @throws ClosedWorkSourceException when no item will ever come again (the executor went away)
     * @throws IOException               when this receive failed; the worker tries again
     */
    List<WorkItem> receive(int max, Duration wait) throws IOException, InterruptedException;

    /** How often a running item's {@link WorkItem#keepAlive()} is called; well under the source's visibility timeout. */
    default Duration keepAliveInterval() {
        return Duration.ofSeconds(30);
    }

    /** Where the worker stores results before acknowledging: the spec's result URI unless the source also announces them. */
    default ResultSink resultSink() {
        return ResultSink.toResultUri();
    }

    /** Stops receiving; items received but not yet handed to the worker are released. */
    @Override
    void close();
}
