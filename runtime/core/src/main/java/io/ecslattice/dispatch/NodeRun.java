package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.store.Status;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * One node of a dispatch as this process drives it: its state, attempt, task handle, timeout timer, the inputs it
 * still waits for and its value. Every change of state goes through a method named for the event, which refuses a
 * change its state does not allow with an {@link IllegalStateException}: a driver that got its bookkeeping wrong
 * stops loudly (and a takeover continues from the store) instead of running a node twice or never.
 *
 * <pre>
 * NEW         → PENDING (inputs ready) | CACHED (an earlier result reused) | MAPPING (a map node's items made)
 * PENDING     → SUBMITTING (its executor's lane gave it a slot)
 *               | PENDING | CACHED | MAPPING (made ready again, after a takeover or an infrastructure retry)
 * SUBMITTING  → RUNNING (the executor returned a handle) | BACKING_OFF | FAILED | CANCELLED (the submit failed)
 * RUNNING     → COMPLETED | BACKING_OFF (its retry policy tries again) | PENDING (infrastructure retry, at once)
 *               | FAILED | CANCELLED (it failed while the dispatch was cancelling)
 * BACKING_OFF → PENDING | CACHED (the backoff is over)
 * MAPPING     → COMPLETED (every item has its value) | FAILED (an item failed)
 * NEW, PENDING, BACKING_OFF, MAPPING → CANCELLED (the dispatch was cancelled or failed; a map's items end alone)
 * NEW, PENDING → FAILED (a map node whose list is no list)
 * </pre>
 * SUBMITTING and RUNNING are never cancelled from outside: a task being started or running is followed to its end,
 * so none is lost track of.
 *
 * <p>Not thread-safe: the {@link DispatchRun} that owns it calls it under its lock.
 */
final class NodeRun {

    /** Where a node is in its life; {@link #stored()} is what the results store shows of it. */
    enum State {
        /** Waiting for its inputs. */
        NEW(Status.NEW),
        /** Inputs ready, waiting for a slot on its executor. */
        PENDING(Status.PENDING),
        /** A failed attempt is waiting out its retry backoff. */
        BACKING_OFF(Status.PENDING),
        /** Handed to its executor, which has not returned a handle yet. */
        SUBMITTING(Status.PENDING),
        /** Its task runs under the handle the executor returned (stored). */
        RUNNING(Status.RUNNING),
        /** A map node whose list was known: its items run, and its value will be theirs. */
        MAPPING(Status.RUNNING),
        COMPLETED(Status.COMPLETED),
        /** Not run: an earlier result of the same code on the same inputs was reused. */
        CACHED(Status.CACHED),
        FAILED(Status.FAILED),
        CANCELLED(Status.CANCELLED);

        private final Status stored;

        State(Status stored) {
            this.stored = stored;
        }

        /** What the results store records for a node in this state. */
        Status stored() {
            return stored;
        }

        boolean isTerminal() {
            return stored.isTerminal();
        }
    }

    /** Told of every change of state, e.g. to count terminal nodes without scanning them all. */
    interface Listener {
        void moved(NodeRun node, State from, State to);
    }

    /** States from which a node has not been handed to an executor yet, and may be made ready or cancelled. */
    private static final Set<State> NOT_STARTED = EnumSet.of(State.NEW, State.PENDING, State.BACKING_OFF);

    private final NodeSpec spec;
    private final Listener listener;
    private final FanOut partOf;
    private final List<NodeRun> dependents = new ArrayList<>();
    private State state = State.NEW;
    private int waitingOn;
    private int attempt;
    private TaskHandle handle;
    private JsonNode output;
    private FanOut fanOut;
    private Future<?> timeout;
    private boolean timedOut;
    private final List<String> infrastructureRetries = new ArrayList<>();

    /** A node of the graph, or item of {@code partOf}'s map node (null for a graph node). */
    NodeRun(NodeSpec spec, FanOut partOf, Listener listener) {
        this.spec = spec;
        this.partOf = partOf;
        this.listener = listener;
    }

    NodeSpec spec() {
        return spec;
    }

    String id() {
        return spec.id();
    }

    String label() {
        return spec.label();
    }

    State state() {
        return state;
    }

    /** The attempt running or about to run, from 1; 0 before the node was first made ready. */
    int attempt() {
        return attempt;
    }

    /** The handle of the current attempt's task; null before it started and once it is retried. */
    TaskHandle handle() {
        return handle;
    }

    /** The node's value once it is COMPLETED or CACHED. */
    JsonNode output() {
        return output;
    }

    /** The map node this node is an item of, or null. */
    FanOut partOf() {
        return partOf;
    }

    /** For a map node whose list is known, its items; else null. */
    FanOut fanOut() {
        return fanOut;
    }

    /** True before the node was handed to an executor: it may still be made ready, or be cancelled. */
    boolean notStarted() {
        return NOT_STARTED.contains(state);
    }

    // ---- waits ----

    /** {@code dependent} reads this node's value (or runs after it): it waits for one input more. */
    void feeds(NodeRun dependent) {
        dependents.add(dependent);
        dependent.waitingOn++;
    }

    List<NodeRun> dependents() {
        return dependents;
    }

    /** One of the inputs this node waits for has its value; true when that was the last. */
    boolean inputArrived() {
        return --waitingOn == 0;
    }

    boolean inputsReady() {
        return waitingOn == 0;
    }

    // ---- transitions ----

    /** Takes the state a previous driver stored (resume): only a node this process has not touched yet. */
    void restore(Status stored, int storedAttempt, JsonNode storedOutput, TaskHandle storedHandle) {
        require("restore", State.NEW);
        attempt = storedAttempt;
        output = stored.hasValue() ? storedOutput : null;
        handle = storedHandle;
        move(switch (stored) {
            case NEW -> State.NEW;
            case PENDING -> State.PENDING;
            case RUNNING -> spec.isMap() ? State.MAPPING : State.RUNNING;
            case COMPLETED -> State.COMPLETED;
            case CACHED -> State.CACHED;
            case FAILED -> State.FAILED;
            case CANCELLED -> State.CANCELLED;
        });
    }

    /** An earlier result was reused as this node's value. */
    void cached(JsonNode value) {
        require("reuse a cached result", State.NEW, State.PENDING, State.BACKING_OFF);
        output = value;
        move(State.CACHED);
    }

    /** Its inputs are ready and it waits for a slot on its executor; returns the attempt it will run (from 1). */
    int pending() {
        require("become pending", State.NEW, State.PENDING, State.BACKING_OFF);
        attempt = Math.max(1, attempt);
        move(State.PENDING);
        return attempt;
    }

    /** Its executor has been asked to start it. */
    void submitting() {
        require("be submitted", State.PENDING);
        move(State.SUBMITTING);
    }

    /** Its executor started it under {@code started}. */
    void running(TaskHandle started) {
        require("run", State.SUBMITTING);
        handle = started;
        move(State.RUNNING);
    }

    /** A map node's list is known: these are its items (already registered by {@link FanOut}'s constructor). */
    void expandedInto(FanOut items) {
        if (!spec.isMap() || fanOut != null) {
            throw new IllegalStateException("node " + label() + " is not a map node waiting for its list; it cannot take items");
        }
        fanOut = items;
    }

    /** A map node's items are made ready; the node runs until they end. */
    void mapping() {
        require("map its items", State.NEW, State.PENDING);
        if (fanOut == null) {
            throw new IllegalStateException("node " + label() + " cannot map its items before it has them");
        }
        move(State.MAPPING);
    }

    /** Its timeout timer for the current attempt (cancelled when the attempt ends). */
    void armTimeout(Future<?> timer) {
        require("arm a timeout", State.RUNNING);
        cancelTimeout();
        timeout = timer;
    }

    /**
     * The timeout armed for attempt {@code armedAttempt} is due: true (and remembered, so a failure that follows is
     * reported as a timeout) when that attempt still runs; false when it ended or was retried meanwhile.
     */
    boolean timeoutDue(int armedAttempt) {
        if (state != State.RUNNING || attempt != armedAttempt) {
            return false;
        }
        timedOut = true;
        return true;
    }

    /**
     * The current attempt's task ended, or never started: stops its timeout timer. Returns whether its timeout
     * had stopped it, so a failure is reported as that timeout (a success that arrives late still counts).
     */
    boolean attemptEnded() {
        require("end an attempt", State.SUBMITTING, State.RUNNING);
        cancelTimeout();
        boolean stoppedByTimeout = timedOut;
        timedOut = false;
        return stoppedByTimeout;
    }

    /**
     * The infrastructure retries of this node so far, cleared: they are recorded with the attempt that ends next,
     * and the electron's own retries start counting afresh.
     */
    List<String> takeInfrastructureRetries() {
        List<String> taken = List.copyOf(infrastructureRetries);
        infrastructureRetries.clear();
        return taken;
    }

    int infrastructureRetries() {
        return infrastructureRetries.size();
    }

    /**
     * Its task was lost to the infrastructure ({@code note} says how): the next attempt starts at once, as a new
     * task. Returns that attempt.
     */
    int retryNow(String note) {
        require("be started again", State.RUNNING);
        cancelTimeout();
        timedOut = false;
        infrastructureRetries.add(note);
        handle = null;
        attempt++;
        move(State.PENDING);
        return attempt;
    }

    /** The attempt failed and its retry policy tries again after a backoff. Returns the next attempt. */
    int retryLater() {
        require("be retried", State.SUBMITTING, State.RUNNING);
        handle = null;
        attempt++;
        move(State.BACKING_OFF);
        return attempt;
    }

    /** The backoff before the next attempt is over: true when the node still waits for it (nothing cancelled it). */
    boolean backoffOver() {
        return state == State.BACKING_OFF;
    }

    /** Its task (or, for a map node, every item) ended with {@code value}. */
    void completed(JsonNode value) {
        require("complete", spec.isMap() ? State.MAPPING : State.RUNNING);
        output = value;
        move(State.COMPLETED);
    }

    /**
     * It failed for good: its task failed (or could not be started or followed), a map node's list was no list, or
     * one of its items failed.
     */
    void failed() {
        if (spec.isMap()) {
            require("fail", State.NEW, State.PENDING, State.MAPPING);
        } else {
            require("fail", State.SUBMITTING, State.RUNNING);
        }
        move(State.FAILED);
    }

    /** Its task ended without a value while the dispatch was cancelling. */
    void cancelled() {
        require("end cancelled", State.SUBMITTING, State.RUNNING);
        move(State.CANCELLED);
    }

    /**
     * The dispatch is cancelled or failed: a node not handed to an executor (or a map node, whose running items
     * end by themselves) becomes CANCELLED and true is returned; a node being submitted or running is left to end.
     */
    boolean cancelIfNotStarted() {
        if (!notStarted() && state != State.MAPPING) {
            return false;
        }
        move(State.CANCELLED);
        return true;
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void require(String what, State... allowed) {
        for (State s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("node " + label() + " cannot " + what + " while " + state + " (attempt " + attempt
                + "); only while " + List.of(allowed));
    }

    private void move(State next) {
        State previous = state;
        state = next;
        listener.moved(this, previous, next);
    }

    @Override
    public String toString() {
        return "node " + label() + " " + state + " attempt " + attempt;
    }
}
