package io.ecslattice.dispatch;

import io.ecslattice.executor.Executor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Holds back tasks of one executor beyond its {@link Executor#maxInFlight()}, across all dispatches of
 * this process. A granted task gets a release callback that frees its slot (once) for the next one.
 */
final class ExecutorLane {

    private final int maxInFlight;
    private final ExecutorService callbacks;
    private final Deque<Consumer<Runnable>> queue = new ArrayDeque<>();
    private int inFlight;

    ExecutorLane(Executor executor, ExecutorService callbacks) {
        this.maxInFlight = Math.max(1, executor.maxInFlight());
        this.callbacks = callbacks;
    }

    /** Runs {@code task} with a release callback as soon as a slot is free. */
    void enqueue(Consumer<Runnable> task) {
        boolean now;
        synchronized (this) {
            now = inFlight < maxInFlight;
            if (now) {
                inFlight++;
            } else {
                queue.add(task);
            }
        }
        if (now) {
            grant(task);
        }
    }

    /**
     * Counts a task that already runs (re-attached after a takeover) against the limit, even beyond it: it
     * holds a slot until it ends. Returns the callback that frees the slot.
     */
    Runnable occupy() {
        synchronized (this) {
            inFlight++;
        }
        return releaseOnce();
    }

    private void grant(Consumer<Runnable> task) {
        Runnable release = releaseOnce();
        callbacks.execute(() -> task.accept(release));
    }

    private Runnable releaseOnce() {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        };
    }

    private void release() {
        Consumer<Runnable> next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            grant(next);
        }
    }
}
