package io.ecslattice.dispatch;

import io.ecslattice.graph.TaskFailure;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A dispatch's timers: the timeout of each running attempt and the backoff before each retry, on the dispatcher's
 * scheduler. They only decide when; what fires goes through the run's lock and checks the node's state then, so a
 * timer that fires after its attempt ended does nothing.
 */
final class NodeTimers {

    private final ScheduledExecutorService scheduler;
    private final Supplier<Instant> clock;

    NodeTimers(ScheduledExecutorService scheduler, Supplier<Instant> clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Arms the timeout of {@code node}'s current attempt, which started at {@code startedAt} (earlier than now for a
     * task re-attached after a takeover): {@code due} gets the attempt once it has run its limit. Nothing for a node
     * without a timeout.
     */
    void watchTimeout(NodeRun node, Instant startedAt, IntConsumer due) {
        Long limitMs = node.spec().timeoutMillis();
        if (limitMs == null) {
            return;
        }
        int attempt = node.attempt();
        long remaining = remainingMillis(limitMs, startedAt, clock.get());
        node.armTimeout(scheduler.schedule(() -> due.accept(attempt), remaining, TimeUnit.MILLISECONDS));
    }

    /** How long to wait before attempt {@code failed}'s successor, by the node's backoff (with its jitter). */
    static Duration backoff(NodeRun node, int failed) {
        return node.spec().retry().backoff().delay(failed, ThreadLocalRandom.current()::nextDouble);
    }

    /** Runs {@code due} once {@code delay} has passed. */
    void afterBackoff(Duration delay, Runnable due) {
        scheduler.schedule(due, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What is left of a {@code limitMs} limit for an attempt started at {@code startedAt}; never below zero. */
    static long remainingMillis(long limitMs, Instant startedAt, Instant now) {
        return Math.max(0, limitMs - Duration.between(startedAt, now).toMillis());
    }

    /** {@code node}'s timeout, as a Duration. */
    static Duration limit(NodeRun node) {
        return Duration.ofMillis(node.spec().timeoutMillis());
    }

    /** The result of an attempt stopped by its timeout: a Timeout error naming the limit, with what it printed. */
    static TaskResult timeoutResult(NodeRun node, TaskResult stopped) {
        String message = "node " + node.label() + " ran longer than its timeout of " + describe(limit(node))
                + " and was stopped; raise .timeout(...) on the electron if it needs longer";
        return new TaskResult(stopped.wireVersion(), stopped.dispatchId(), stopped.nodeId(), null,
                new TaskError(TaskFailure.TIMEOUT, message, ""), stopped.stdout(), stopped.stderr(), stopped.startedAt(),
                stopped.endedAt());
    }

    private static String describe(Duration limit) {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
