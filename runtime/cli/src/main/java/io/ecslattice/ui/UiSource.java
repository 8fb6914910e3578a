package io.ecslattice.ui;

import java.util.Optional;

/**
 * What the UI reads and does, seen through its own view records: the results store's read API and the
 * dispatcher's cancel. The UI never talks to an executor; the ECS facts it shows are the details an
 * executor recorded on the node.
 */
public interface UiSource {

    /** Dispatches newest first, {@code limit} of them after skipping {@code offset}. */
    DispatchPage dispatches(int offset, int limit);

    /** One dispatch with its nodes and edges, or empty when no dispatch has that id. */
    Optional<DispatchView> dispatch(String dispatchId);

    /** One node in full, or empty when the dispatch or the node does not exist. */
    Optional<NodeView> node(String dispatchId, String nodeId);

    /**
     * Asks for the dispatch to be cancelled, as {@code ecs-lattice cancel} does: pending nodes never
     * start, running tasks are stopped. Empty when no dispatch has that id.
     */
    Optional<CancelResult> cancel(String dispatchId);
}
