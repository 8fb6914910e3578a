package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything there is to read about one node.
 *
 * @param dispatchId the dispatch it belongs to
 * @param node       its summary: status, times, executor facts
 * @param inputs     the arguments it was called with (a JSON array); null before they were known
 * @param output     the value it returned; null unless it completed
 * @param error      why it failed or did not run; null otherwise
 * @param stdout     its captured standard output
 * @param stderr     its captured standard error
 * @param attempts   every ended attempt, first first (several when it was retried)
 */
public record NodeDetail(String dispatchId, NodeInfo node, JsonNode inputs, JsonNode output, Error error, String stdout,
                         String stderr, List<Attempt> attempts) {

    public NodeDetail {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        attempts = List.copyOf(attempts);
    }

    /**
     * An electron's error or the reason a node did not run.
     *
     * @param type       the exception's class, or a synthesized type such as {@code ChildJvmExited}
     * @param message    what happened
     * @param stackTrace the stack trace as text; empty when there is none
     */
    public record Error(String type, String message, String stackTrace) {
    }

    /**
     * One ended attempt of the node.
     *
     * @param attempt   1 for the first
     * @param status    COMPLETED, FAILED or CANCELLED
     * @param cause     {@code electron}, {@code timeout} or {@code infrastructure} for a failure; null otherwise
     * @param error     its error; null when it succeeded
     * @param details   what the executor recorded for this attempt
     * @param startedAt when the executor accepted it; null when it never started
     * @param endedAt   when it ended
     * @param next      what followed, e.g. {@code retried after 200 ms}; null for the last attempt
     */
    public record Attempt(int attempt, String status, String cause, Error error, Map<String, String> details,
                          Instant startedAt, Instant endedAt, String next) {
        public Attempt {
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }
}
