package io.ecslattice.wire;

import java.util.Objects;

/**
 * What a pool worker tells the dispatching client about one electron (an SQS message body on the
 * dispatch's completion queue).
 *
 * @param wireVersion {@link Wire#VERSION} of the writer
 * @param kind        what happened
 * @param dispatchId  the electron's dispatch
 * @param nodeId      the electron's node
 * @param attempt     the node's attempt ({@link TaskSpec#attempt()})
 * @param delivery    how often the queue had delivered this electron, this delivery included (2 = it runs
 *                    again after a worker died)
 * @param worker      the worker that sent this: its ECS task ARN when known, else its host and process
 * @param result      the result inline when small; null when {@code resultUri} holds it, or for {@link Kind#DEAD_LETTERED}
 * @param resultUri   where the result object is (always written, so a resumed client finds it too)
 * @param refusal     for {@link Kind#DEAD_LETTERED}: why the last worker that had it handed it back unfinished (it
 *                    could not read its spec or claim, or store its result), naming the exception; null when no
 *                    worker handed it back (its workers died running it)
 */
public record PoolEvent(int wireVersion, Kind kind, String dispatchId, String nodeId, int attempt, int delivery,
                        String worker, TaskResult result, String resultUri, String refusal) {

    /** What happened to the electron. */
    public enum Kind {
        /** It ran (returned, threw, or was cancelled while it ran): the result says which. */
        DONE,
        /**
         * Every delivery up to the pool's {@code task_max_attempts} died with its worker, or was refused by it
         * ({@link #refusal()}); it was moved to the dead-letter queue.
         */
        DEAD_LETTERED
    }

    /**
     * The words a worker logs when it starts an electron, e.g. {@code dispatch d1, node 3, attempt 1}: a client
     * finds the log streams (and so the tasks) of the workers that ran a dead-lettered electron by them.
     */
    public static String logMention(String dispatchId, String nodeId, int attempt) {
        return "dispatch " + dispatchId + ", node " + nodeId + ", attempt " + attempt;
    }

    public PoolEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
