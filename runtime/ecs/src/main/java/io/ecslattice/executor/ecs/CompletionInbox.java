package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One dispatch's completion queue, read by one long-polling loop while anything of the dispatch is
 * awaited. A completion is deleted once its awaiting future has it, or at once when its electron
 * already completed (a second delivery); one that arrives before its await (a resumed dispatch) waits,
 * unacknowledged, until the await comes. Under load (more than {@link #BUSY} electrons awaited) the loop
 * pauses after a receive that was not full, for as long as completions take to fill a batch at the rate
 * they arrive (between {@link #PAUSE_MS} and {@link #MAX_PAUSE_MS}), so they are read and deleted ten a
 * call instead of one or two; with few awaited (a chain) it never pauses, so a lone completion is not delayed.
 */
final class CompletionInbox {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionInbox.class);
    static final int WAIT_SECONDS = 10;
    /** Above this many awaited electrons, a receive that was not full is followed by a pause. */
    static final int BUSY = 10;
    static final long PAUSE_MS = 200;
    /** The longest pause: a completion read late by this much delays no worker (more than a batch is queued). */
    static final long MAX_PAUSE_MS = 2000;

    private record Arrived(PoolEvent event, String receiptHandle) {
    }

    private final String queueUrl;
    private final SqsQueues sqs;
    private final ExecutorService threads;
    private final Executor reader;
    private final Function<PoolEvent, TaskOutcome> outcomes;
    private final Map<String, CompletableFuture<TaskOutcome>> waiting = new HashMap<>();
    private final Map<String, Arrived> early = new HashMap<>();
    private final Set<String> completed = new HashSet<>();
    private final Map<String, TaskOutcome> settledEarly = new HashMap<>();
    private boolean reading;
    private volatile boolean closed;
    /** Completions a second, smoothed over the receives of the read loop (only it reads and writes these). */
    private double arrivalRate;
    private long lastReceivedAt;

    /**
     * @param threads  the executor's AWS threads, for deliveries (reading result objects)
     * @param reader   runs the read loop, a long poll that holds its thread while electrons are awaited: never the AWS
     *                 threads, which eight dispatches' loops would hold all of, starving the pool scaler's tick
     * @param outcomes turns a completion into the node's outcome (reads a result object, reports a dead letter)
     */
    CompletionInbox(String queueUrl, SqsQueues sqs, ExecutorService threads, Executor reader,
                    Function<PoolEvent, TaskOutcome> outcomes) {
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.threads = threads;
        this.reader = reader;
        this.outcomes = outcomes;
    }

    String queueUrl() {
        return queueUrl;
    }

    /** Completes with the outcome of the electron {@code key} names ({@link #key}). */
    synchronized CompletableFuture<TaskOutcome> await(String key) {
        TaskOutcome before = settledEarly.remove(key);
        if (before != null) {
            return CompletableFuture.completedFuture(before);
        }
        CompletableFuture<TaskOutcome> future = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        Arrived arrived = early.remove(key);
        if (arrived != null) {
            threads.execute(() -> deliver(List.of(arrived)));
        }
        if (!reading && !closed) {
            reading = true;
            reader.execute(this::read);
        }
        return future;
    }

    /**
     * Completes the electron's await with {@code outcome} (e.g. cancelled), or the await that comes later (a cancel
     * before the await), and ignores its later completions.
     */
    synchronized void complete(String key, TaskOutcome outcome) {
        if (!completed.add(key)) {
            return;
        }
        CompletableFuture<TaskOutcome> future = waiting.remove(key);
        if (future != null) {
            future.complete(outcome);
        } else {
            settledEarly.put(key, outcome);
        }
    }

    /** Electrons awaited and not completed. */
    synchronized int awaited() {
        return waiting.size();
    }

    static String key(String dispatchId, String nodeId, int attempt) {
        return dispatchId + "/" + nodeId + "/" + attempt;
    }

    private void read() {
        while (true) {
            synchronized (this) {
                // Interrupted: the executor is shutting down its threads; its clients are closing.
                if (closed || waiting.isEmpty() || Thread.currentThread().isInterrupted()) {
                    reading = false;
                    return;
                }
            }
            List<Message> messages;
            try {
                messages = sqs.receive(queueUrl, WAIT_SECONDS);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // The SDK already retried; the completions wait in the queue.
                LOG.warn("receiving completions from {} failed, trying again: {}", SqsQueues.name(queueUrl), e.getMessage());
                pause(1000);
                continue;
            }
            List<Arrived> arrived = new ArrayList<>();
            List<String> garbage = new ArrayList<>();
            for (Message message : messages) {
                try {
                    arrived.add(new Arrived(Wire.mapper().readValue(message.body(), PoolEvent.class), message.receiptHandle()));
                } catch (IOException e) {
                    LOG.warn("dropping a message on {} that is no completion: {}", SqsQueues.name(queueUrl), e.getMessage());
                    garbage.add(message.receiptHandle());
                }
            }
            try {
                sqs.deleteBatch(queueUrl, garbage);
            } catch (RuntimeException e) {
                // Throttled past the SDK's retries: the message comes again and is dropped then. Never end the loop here.
                LOG.warn("deleting messages that are no completions from {} failed: {}", SqsQueues.name(queueUrl), e.getMessage());
            }
            deliver(arrived);
            if (messages.size() < SqsQueues.BATCH && awaited() > BUSY) {
                pause(pauseMillis(messages.size()));
            }
        }
    }

    /** How long completions arriving at the rate seen so far take to fill a batch, within the pause's bounds. */
    private long pauseMillis(int received) {
        long now = System.nanoTime();
        if (lastReceivedAt != 0) {
            double rate = received / Math.max(0.001, (now - lastReceivedAt) / 1e9);
            arrivalRate = arrivalRate == 0 ? rate : (arrivalRate + rate) / 2;
        }
        lastReceivedAt = now;
        if (arrivalRate <= 0) {
            return PAUSE_MS;
        }
        return Math.max(PAUSE_MS, Math.min(MAX_PAUSE_MS, (long) ((SqsQueues.BATCH - received) / arrivalRate * 1000)));
    }

    private void deliver(List<Arrived> arrived) {
        List<String> done = new ArrayList<>();
        for (Arrived a : arrived) {
            String key = key(a.event().dispatchId(), a.event().nodeId(), a.event().attempt());
            CompletableFuture<TaskOutcome> future;
            synchronized (this) {
                if (completed.contains(key)) {
                    done.add(a.receiptHandle());
                    continue;
                }
                future = waiting.get(key);
                if (future == null) {
                    early.put(key, a);
                    continue;
                }
            }
            TaskOutcome outcome;
            try {
                outcome = outcomes.apply(a.event());
            } catch (RuntimeException e) {
                LOG.warn("reading the completion of {} failed, it will be delivered again: {}", key, e.getMessage());
                continue;
            }
            complete(key, outcome);
            done.add(a.receiptHandle());
        }
        for (int from = 0; from < done.size(); from += SqsQueues.BATCH) {
            try {
                sqs.deleteBatch(queueUrl, done.subList(from, Math.min(done.size(), from + SqsQueues.BATCH)));
            } catch (RuntimeException e) {
                if (closed) {
                    return;   // the dispatch ended and its queue is gone, with what it held
                }
                // Delivered again later and then dropped as already completed.
                LOG.warn("deleting completions from {} failed: {}", SqsQueues.name(queueUrl), e.getMessage());
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading; awaits still open stay open (the dispatch is resumed elsewhere). */
    void close() {
        closed = true;
    }
}
