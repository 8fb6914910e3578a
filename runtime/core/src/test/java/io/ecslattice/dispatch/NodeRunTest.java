package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import io.ecslattice.dispatch.NodeRun.State;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.graph.Resources;
import io.ecslattice.store.Status;
import io.ecslattice.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node's life, one event at a time, without a dispatcher, executor, store or thread: the transitions the
 * dispatch driver relies on, and the ones it must never make.
 */
class NodeRunTest {

    private static final TaskHandle HANDLE = new TaskHandle("local", "task-1", Map.of());
    private static final TaskHandle SECOND = new TaskHandle("local", "task-2", Map.of());

    private final List<String> moves = new ArrayList<>();
    private final NodeRun.Listener recorder = (node, from, to) -> moves.add(from + ">" + to);

    private static NodeSpec plain(String id) {
        return new NodeSpec(id, "square", "app.Work", "square", List.of("int"), "int", "local",
                List.of(new ArgExpr.Constant(IntNode.valueOf(3))));
    }

    private static NodeSpec withTimeout(String id, long timeoutMillis) {
        return new NodeSpec(id, "slow", "app.Work", "slow", List.of("int"), "int", "local",
                List.of(new ArgExpr.Constant(IntNode.valueOf(3))), List.of(), null, timeoutMillis, Resources.NONE, null, null,
                null, null);
    }

    private static NodeSpec map(String id) {
        return new NodeSpec(id, "square", "app.Work", "square", List.of("int"), "int", "local",
                List.of(new ArgExpr.Constant(Wire.mapper().createArrayNode())), List.of(), null, null, Resources.NONE, null,
                null, null, 0);
    }

    private NodeRun node(NodeSpec spec) {
        return new NodeRun(spec, null, recorder);
    }

    /** Drives a fresh node to RUNNING under {@code handle}. */
    private NodeRun running(NodeSpec spec, TaskHandle handle) {
        NodeRun node = node(spec);
        node.pending();
        node.submitting();
        node.running(handle);
        return node;
    }

    @Test
    void aNodeRunsOnceItsInputsArriveAndCompletesWithItsValue() {
        NodeRun upstream = node(plain("0"));
        NodeRun node = node(plain("1"));
        upstream.feeds(node);
        assertFalse(node.inputsReady());

        assertTrue(node.inputArrived());
        assertEquals(1, node.pending());
        node.submitting();
        node.running(HANDLE);
        assertFalse(node.attemptEnded());
        node.completed(IntNode.valueOf(9));

        assertEquals(State.COMPLETED, node.state());
        assertEquals(Status.COMPLETED, node.state().stored());
        assertEquals(IntNode.valueOf(9), node.output());
        assertEquals(List.of("NEW>PENDING", "PENDING>SUBMITTING", "SUBMITTING>RUNNING", "RUNNING>COMPLETED"), moves);
    }

    @Test
    void theStoreSeesSubmittingAndBackingOffAsPendingAndMappingAsRunning() {
        assertEquals(Status.PENDING, State.SUBMITTING.stored());
        assertEquals(Status.PENDING, State.BACKING_OFF.stored());
        assertEquals(Status.RUNNING, State.MAPPING.stored());
    }

    @Test
    void illegalTransitionsAreRefusedAndLeaveTheStateAsItWas() {
        NodeRun fresh = node(plain("1"));
        IllegalStateException beforeSubmit = assertThrows(IllegalStateException.class, () -> fresh.running(HANDLE));
        assertTrue(beforeSubmit.getMessage().contains("node 1 (square) cannot run while NEW"), beforeSubmit.getMessage());
        assertThrows(IllegalStateException.class, fresh::submitting);
        assertThrows(IllegalStateException.class, () -> fresh.completed(IntNode.valueOf(1)));
        assertThrows(IllegalStateException.class, fresh::retryLater);
        assertThrows(IllegalStateException.class, fresh::failed);
        assertEquals(State.NEW, fresh.state());

        NodeRun submitting = node(plain("2"));
        submitting.pending();
        submitting.submitting();
        assertThrows(IllegalStateException.class, submitting::submitting, "submitted twice");
        assertThrows(IllegalStateException.class, () -> submitting.completed(IntNode.valueOf(1)), "a value without a task");
        assertThrows(IllegalStateException.class, submitting::pending);
        assertEquals(State.SUBMITTING, submitting.state());

        NodeRun done = running(plain("3"), HANDLE);
        done.completed(IntNode.valueOf(9));
        assertThrows(IllegalStateException.class, () -> done.completed(IntNode.valueOf(10)), "completed twice");
        assertThrows(IllegalStateException.class, done::pending, "run again once done");
        assertThrows(IllegalStateException.class, done::attemptEnded);
        assertThrows(IllegalStateException.class, done::cancelled);
        assertThrows(IllegalStateException.class, () -> done.restore(Status.RUNNING, 1, null, HANDLE));
        assertFalse(done.cancelIfNotStarted());
        assertEquals(State.COMPLETED, done.state());
        assertEquals(IntNode.valueOf(9), done.output());
    }

    @Test
    void aRetriedAttemptWaitsOutItsBackoffAndRunsAsTheNextAttempt() {
        NodeRun node = running(plain("1"), HANDLE);
        node.attemptEnded();

        assertEquals(2, node.retryLater());
        assertEquals(State.BACKING_OFF, node.state());
        assertNull(node.handle(), "the failed attempt's task is not the next one's");
        assertTrue(node.notStarted());
        assertTrue(node.backoffOver());

        assertEquals(2, node.pending());
        assertFalse(node.backoffOver(), "a second backoff timer finds it no longer waiting");
        node.submitting();
        node.running(SECOND);
        node.attemptEnded();
        node.failed();
        assertEquals(State.FAILED, node.state());
        assertEquals(2, node.attempt());
    }

    @Test
    void aSubmitThatFailsCanBeRetried() {
        NodeRun node = node(plain("1"));
        node.pending();
        node.submitting();
        node.attemptEnded();
        assertEquals(2, node.retryLater());
        assertEquals(State.BACKING_OFF, node.state());
    }

    @Test
    void aCancelledBackoffNeverRuns() {
        NodeRun node = running(plain("1"), HANDLE);
        node.attemptEnded();
        node.retryLater();

        assertTrue(node.cancelIfNotStarted());
        assertEquals(State.CANCELLED, node.state());
        assertFalse(node.backoffOver());
        assertThrows(IllegalStateException.class, node::pending);
    }

    @Test
    void anInfrastructureRetryStartsTheNextAttemptAtOnceAndKeepsItsNoteForTheAttemptThatEnds() {
        NodeRun node = running(withTimeout("1", 1000), HANDLE);
        CompletableFuture<Void> timer = new CompletableFuture<>();
        node.armTimeout(timer);

        assertEquals(2, node.retryNow("attempt 1 (task-1): capacity reclaimed"));
        assertEquals(State.PENDING, node.state());
        assertTrue(timer.isCancelled(), "the lost attempt's timeout must not stop the next one");
        assertNull(node.handle());
        assertEquals(1, node.infrastructureRetries());

        assertEquals(2, node.pending());
        node.submitting();
        node.running(SECOND);
        node.attemptEnded();
        assertEquals(List.of("attempt 1 (task-1): capacity reclaimed"), node.takeInfrastructureRetries());
        assertEquals(0, node.infrastructureRetries(), "the electron's own retries count afresh");
        node.completed(IntNode.valueOf(9));
    }

    @Test
    void aTimeoutThenALateCompletionCompletesAndCancelsNothingTwice() {
        NodeRun node = running(withTimeout("1", 1000), HANDLE);
        CompletableFuture<Void> timer = new CompletableFuture<>();
        node.armTimeout(timer);

        assertTrue(node.timeoutDue(1), "attempt 1 still runs: its executor is asked to stop it");
        assertEquals(State.RUNNING, node.state(), "stopping takes the executor's word; the node runs until it ends");
        assertTrue(node.attemptEnded(), "the attempt ended after its timeout");
        assertTrue(timer.isCancelled());
        node.completed(IntNode.valueOf(9));

        assertEquals(State.COMPLETED, node.state());
        assertFalse(node.timeoutDue(1), "a timer firing after the end does nothing");
    }

    @Test
    void aTimeoutOfAnEarlierAttemptDoesNotStopTheNextOne() {
        NodeRun node = running(withTimeout("1", 1000), HANDLE);
        node.armTimeout(new CompletableFuture<>());
        node.attemptEnded();
        node.retryLater();
        node.pending();
        node.submitting();
        node.running(SECOND);

        assertFalse(node.timeoutDue(1));
        assertFalse(node.attemptEnded(), "attempt 2 was not stopped by attempt 1's timer");
    }

    @Test
    void aTimedOutFlagDoesNotOutliveItsAttempt() {
        NodeRun node = running(withTimeout("1", 1000), HANDLE);
        assertTrue(node.timeoutDue(1));
        node.retryNow("attempt 1 (task-1): capacity reclaimed");
        node.pending();
        node.submitting();
        node.running(SECOND);

        assertFalse(node.attemptEnded(), "attempt 2 must not be reported as attempt 1's timeout");
    }

    @Test
    void aNodeBeingSubmittedWhenTheDispatchIsCancelledIsLeftToEndAndEndsCancelled() {
        NodeRun node = node(plain("1"));
        node.pending();
        node.submitting();

        assertFalse(node.cancelIfNotStarted(), "the executor may be starting a task: it must be followed, not dropped");
        assertEquals(State.SUBMITTING, node.state());

        node.running(HANDLE);
        assertFalse(node.cancelIfNotStarted());
        node.attemptEnded();
        node.cancelled();
        assertEquals(State.CANCELLED, node.state());
        assertEquals(HANDLE, node.handle(), "the stopped task stays named");
    }

    @Test
    void aSubmitThatFailsWhileCancellingEndsCancelled() {
        NodeRun node = node(plain("1"));
        node.pending();
        node.submitting();
        node.attemptEnded();
        node.cancelled();
        assertEquals(State.CANCELLED, node.state());
    }

    @Test
    void nodesNotStartedAreCancelledAtOnce() {
        NodeRun fresh = node(plain("1"));
        NodeRun queued = node(plain("2"));
        queued.pending();

        assertTrue(fresh.cancelIfNotStarted());
        assertTrue(queued.cancelIfNotStarted());
        assertEquals(State.CANCELLED, fresh.state());
        assertEquals(State.CANCELLED, queued.state());
        assertFalse(queued.cancelIfNotStarted(), "cancelled once");
        assertThrows(IllegalStateException.class, queued::submitting, "a lane slot granted later must not start it");
    }

    @Test
    void aReusedResultIsTheNodesValue() {
        NodeRun node = node(plain("1"));
        node.cached(IntNode.valueOf(9));
        assertEquals(State.CACHED, node.state());
        assertEquals(IntNode.valueOf(9), node.output());
        assertThrows(IllegalStateException.class, node::pending);
    }

    @Test
    void aMapNodeRunsUntilItsItemsHaveTheirValuesAndTakesThemInOrder() {
        NodeRun map = node(map("4"));
        assertThrows(IllegalStateException.class, map::mapping, "no items yet");
        FanOut fanOut = new FanOut(map, 3, recorder);
        map.mapping();
        assertEquals(State.MAPPING, map.state());
        assertEquals(List.of("4[0]", "4[1]", "4[2]"), fanOut.items().stream().map(NodeRun::id).toList());
        assertThrows(IllegalStateException.class, () -> map.expandedInto(fanOut), "expanded twice");
        assertThrows(IllegalStateException.class, () -> map.running(HANDLE), "a map node has no task of its own");

        List<NodeRun> items = fanOut.items();
        for (int i = 2; i >= 0; i--) {
            NodeRun item = items.get(i);
            assertEquals(fanOut, item.partOf());
            completeItem(item, i);
            assertEquals(i == 0, fanOut.itemHasValue(), "only the last value completes the map");
        }
        map.completed(fanOut.values());

        assertEquals("[0,10,20]", map.output().toString());
        assertEquals(State.COMPLETED, map.state());
    }

    private void completeItem(NodeRun item, int index) {
        item.pending();
        item.submitting();
        item.running(new TaskHandle("local", "item-" + index, Map.of()));
        item.attemptEnded();
        item.completed(IntNode.valueOf(index * 10));
    }

    @Test
    void aMapNodeFailsWhenItsListIsNoListOrAnItemFails() {
        NodeRun notAList = node(map("4"));
        notAList.failed();
        assertEquals(State.FAILED, notAList.state());

        NodeRun map = node(map("5"));
        FanOut fanOut = new FanOut(map, 2, recorder);
        map.mapping();
        NodeRun item = fanOut.items().get(0);
        item.pending();
        item.submitting();
        item.running(HANDLE);
        item.attemptEnded();
        item.failed();
        map.failed();
        assertEquals(State.FAILED, map.state());
        assertTrue(fanOut.items().get(1).cancelIfNotStarted());

        NodeRun plain = node(plain("6"));
        assertThrows(IllegalStateException.class, plain::failed, "a plain node fails only with an attempt");
    }

    @Test
    void anEmptyListHasAllItsValuesAtOnce() {
        NodeRun map = node(map("4"));
        FanOut fanOut = new FanOut(map, 0, recorder);
        map.mapping();
        assertTrue(fanOut.allHaveValues());
        map.completed(fanOut.values());
        assertEquals("[]", map.output().toString());
    }

    @Test
    void aResumedNodeTakesItsStoredStateOnce() {
        NodeRun running = node(plain("1"));
        running.restore(Status.RUNNING, 2, null, HANDLE);
        assertEquals(State.RUNNING, running.state());
        assertEquals(2, running.attempt());
        assertEquals(HANDLE, running.handle());
        assertThrows(IllegalStateException.class, () -> running.restore(Status.RUNNING, 2, null, HANDLE));

        NodeRun mapping = node(map("4"));
        new FanOut(mapping, 1, recorder);
        mapping.restore(Status.RUNNING, 0, null, null);
        assertEquals(State.MAPPING, mapping.state());

        NodeRun completed = node(plain("2"));
        completed.restore(Status.COMPLETED, 1, IntNode.valueOf(9), null);
        assertEquals(IntNode.valueOf(9), completed.output());

        NodeRun pending = node(plain("3"));
        pending.restore(Status.PENDING, 3, null, null);
        assertEquals(3, pending.pending(), "a resumed node keeps its stored attempt");
    }

    @Test
    void theRemainingTimeoutOfAReattachedTaskCountsFromItsStart() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(1000, NodeTimers.remainingMillis(1000, start, start));
        assertEquals(400, NodeTimers.remainingMillis(1000, start, start.plusMillis(600)));
        assertEquals(0, NodeTimers.remainingMillis(1000, start, start.plusSeconds(5)), "already over: stopped at once");
    }
}
