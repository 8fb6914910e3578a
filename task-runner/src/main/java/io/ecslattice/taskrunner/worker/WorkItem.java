package io.ecslattice.taskrunner.worker;

import io.ecslattice.wire.TaskSpec;
import java.io.IOException;

/**
 * One electron a {@link WorkSource} handed to a worker: the spec to run and the calls that tell the source
 * how it went. Exactly one of {@link #ack()} and {@link #release()} is called per item, once; an item the
 * worker's JVM died with gets neither, and its source delivers it again (at-least-once delivery).
 */
public interface WorkItem {

    /** The electron to run; its {@link TaskSpec#resultUri()} says where the {@link ResultSink} writes. */
    TaskSpec spec();

    /**
     * The code version the electron needs: an image digest on ECS, a hash of classpath, JVM options and
     * launcher locally. Null when any worker may run it. A worker of another version releases it unrun.
     */
    String codeVersion();

    /** The result is written: the source forgets the item for good. */
    void ack() throws IOException;

    /** Still running: called every {@link WorkSource#keepAliveInterval()} so the source does not hand it out again. */
    void keepAlive() throws IOException;

    /** Hands the item back unrun (or unfinished) so another worker takes it at once. */
    void release() throws IOException;

    /**
     * {@link #release()}, saying why this worker could not finish it ({@code type: message}), so a source that can
     * keeps the reason with the item and reports it if the item is given up. Sources that cannot just release it.
     */
    default void release(String reason) throws IOException {
        release();
    }

    /**
     * Hands the item back unrun because a worker of another code version must run it. Unlike {@link #release()}
     * it does not count as one of the electron's deliveries where the source can avoid that.
     */
    default void handBack() throws IOException {
        release();
    }

    /**
     * Registers what stops the running electron (the worker interrupts its thread) when the source learns
     * the electron was cancelled. Sources without a cancel channel ignore it.
     */
    default void onCancel(Runnable stop) {
    }
}
