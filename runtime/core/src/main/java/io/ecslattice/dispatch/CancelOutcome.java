package io.ecslattice.dispatch;

import java.util.List;
import java.util.Objects;

/**
 * What a cancel request came to.
 *
 * @param kind         what happened
 * @param stoppedNodes the ids of the running nodes whose tasks the client stopped itself ({@link Kind#STOPPED})
 * @param problems     tasks that could not be stopped, each with why; empty when all were
 */
public record CancelOutcome(Kind kind, List<String> stoppedNodes, List<String> problems) {

    /** What happened to a cancel request. */
    public enum Kind {
        /** The dispatch had already ended; nothing was changed. */
        ALREADY_ENDED,
        /** Recorded; the live process that drives the dispatch stops its tasks and ends it. */
        REQUESTED,
        /** No live process drove the dispatch: the client stopped its running tasks and recorded it as cancelled. */
        STOPPED
    }

    public CancelOutcome {
        Objects.requireNonNull(kind, "kind");
        stoppedNodes = List.copyOf(stoppedNodes);
        problems = List.copyOf(problems);
    }

    /** True unless the dispatch had already ended. */
    public boolean accepted() {
        return kind != Kind.ALREADY_ENDED;
    }

    /** A sentence for the user. */
    public String message() {
        return switch (kind) {
            case ALREADY_ENDED -> "the dispatch had already ended; nothing to cancel";
            case REQUESTED -> "cancel requested: the driving process stops running tasks, pending nodes will not start";
            case STOPPED -> "no process drove the dispatch: stopped " + stoppedNodes.size() + " running task(s) by their stored "
                    + "handles, pending nodes will not start" + (problems.isEmpty() ? "" : "; could not stop: " + String.join("; ", problems));
        };
    }
}
