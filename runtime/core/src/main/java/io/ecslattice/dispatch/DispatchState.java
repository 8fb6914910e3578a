package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.store.DispatchDetail;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.StoreReader;
import java.time.Instant;

/**
 * A dispatch as the engine reports it to the API layer: a copy of what the results store holds, in
 * plain values, so the API never sees the store's types.
 *
 * @param id           the dispatch id
 * @param name         the lattice's name
 * @param status       the name of its status: NEW, PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param terminal     true once it ended
 * @param createdAt    when it was dispatched
 * @param endedAt      when it ended; null before
 * @param progress     its nodes by state
 * @param output       the lattice's value as JSON; null unless completed
 * @param outputType   the value's Java type in Jackson's canonical form
 * @param errorMessage why it failed or was cancelled; null otherwise
 * @param failedNode   the node whose failure failed it; null otherwise
 */
public record DispatchState(String id, String name, String status, boolean terminal, Instant createdAt, Instant endedAt,
                            Progress progress, JsonNode output, String outputType, String errorMessage, FailedNode failedNode) {

    /**
     * How many nodes are in each state.
     *
     * @param total     all nodes
     * @param waiting   not started yet
     * @param running   running now
     * @param completed finished with a value
     * @param failed    failed
     * @param cancelled stopped or never run
     */
    public record Progress(int total, int waiting, int running, int completed, int failed, int cancelled) {

        /** "3/20 done, 2 running, 1 failed" style text for tables. */
        public String text() {
            StringBuilder text = new StringBuilder(completed + "/" + total + " done");
            if (running > 0) {
                text.append(", ").append(running).append(" running");
            }
            if (failed > 0) {
                text.append(", ").append(failed).append(" failed");
            }
            if (cancelled > 0) {
                text.append(", ").append(cancelled).append(" cancelled");
            }
            return text.toString();
        }
    }

    /**
     * The node that failed a dispatch, with its error and captured output.
     *
     * @param id           node id
     * @param name         the electron's name
     * @param executor     the executor it ran on
     * @param errorType    the exception's class (or a synthesized type such as {@code ChildJvmExited})
     * @param errorMessage the exception's message
     * @param stackTrace   the stack trace as text
     * @param stdout       its captured standard output
     * @param stderr       its captured standard error
     */
    public record FailedNode(String id, String name, String executor, String errorType, String errorMessage,
                             String stackTrace, String stdout, String stderr) {
    }

    /** The state of {@code id} as {@code reader} has it; throws when the store has no such dispatch. */
    static DispatchState read(StoreReader reader, String id, String storeFile) {
        DispatchSummary summary = reader.dispatch(id)
                .orElseThrow(() -> new DispatchException("no dispatch " + id + " in results store " + storeFile));
        return of(reader, summary);
    }

    static DispatchState of(StoreReader reader, DispatchSummary summary) {
        DispatchDetail detail = reader.detail(summary.id()).orElseThrow();
        FailedNode failed = summary.errorNode() == null ? null : reader.node(summary.id(), summary.errorNode())
                .map(DispatchState::failed).orElse(null);
        return new DispatchState(summary.id(), summary.name(), summary.status().name(), summary.status().isTerminal(),
                summary.createdAt(), summary.endedAt(), ReadRows.progress(summary.counts()), detail.output(), detail.outputType(),
                summary.errorMessage(), failed);
    }

    private static FailedNode failed(NodeRecord node) {
        var error = node.error();
        return new FailedNode(node.id(), node.name(), node.executor(), error == null ? null : error.type(),
                error == null ? null : error.message(), error == null ? "" : error.stackTrace(), node.stdout(), node.stderr());
    }
}
