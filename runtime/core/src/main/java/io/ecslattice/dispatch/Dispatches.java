package io.ecslattice.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dispatches of one results store as any process sees them: list, status and progress, result, nodes, who drives
 * each, and cancel. Implemented by the {@link Dispatcher} (which drives what it waits for) and by the read-only
 * {@link DispatchClient} (which never drives); the CLI and the UI use only this, and what it returns are read types
 * of this package, never the store's rows.
 */
public interface Dispatches {

    /** Dispatches newest first: {@code limit} of them after skipping {@code offset}. */
    List<DispatchInfo> list(int limit, int offset);

    /** One dispatch's status and progress, or empty when the store has no such dispatch. */
    Optional<DispatchInfo> info(String id);

    /** The dispatch's state now, with its value or failed node; throws {@link DispatchException} when there is none. */
    DispatchState state(String id);

    /**
     * Waits up to {@code timeout} for the dispatch to end and returns its final state. The {@link Dispatcher} takes
     * over a dispatch whose driver is gone; the {@link DispatchClient} fails at once, saying how to resume it.
     */
    DispatchState await(String id, Duration timeout);

    /** The dispatch with its nodes (without their payloads) and edges, or empty when there is none. */
    Optional<DispatchGraph> graph(String id);

    /** One node in full, with its attempts, or empty when the dispatch or the node does not exist. */
    Optional<NodeDetail> node(String id, String nodeId);

    /** The process that holds (or last held) the right to drive the dispatch; empty when none ever did. */
    Optional<Driver> driver(String id);

    /**
     * The newest {@code maxLines} lines a running node's task printed, read through its executor; empty when the node
     * has no running task (its stored stdout and stderr are in {@link #node}).
     */
    Optional<List<String>> liveLogs(String id, String nodeId, int maxLines);

    /**
     * Asks for the dispatch to be cancelled: pending nodes never start, running tasks are stopped (by the driving
     * process, or here when none drives it). Throws {@link DispatchException} when there is no such dispatch.
     */
    CancelOutcome requestCancel(String id);

    /** Where the dispatches are kept (the results store's file), for messages. */
    String location();
}
