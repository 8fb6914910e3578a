package io.ecslattice.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node in full: what the node page shows.
 *
 * @param dispatchId the dispatch the node belongs to
 * @param node       the node's summary line
 * @param inputs     the arguments it was called with, as JSON; null before they are known
 * @param output     its return value, as JSON; null unless it completed
 * @param error      why it failed, else null
 * @param stdout     what the electron printed (bounded by the wire format)
 * @param stderr     what it printed to standard error
 * @param details    executor facts as recorded, e.g. taskArn, stoppedReason, exitCode, logStream
 * @param truncated  for a preview: the fields cut short, each with its full length in characters
 * @param attempts   every ended attempt, first first (several when the electron was retried)
 */
public record NodeView(
        String dispatchId,
        NodeRow node,
        JsonNode inputs,
        JsonNode output,
        ErrorView error,
        String stdout,
        String stderr,
        Map<String, String> details,
        Map<String, Integer> truncated,
        List<AttemptView> attempts) {

    public NodeView {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(node, "node");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        details = Map.copyOf(details);
        truncated = Map.copyOf(truncated);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A node view without attempts. */
    public NodeView(String dispatchId, NodeRow node, JsonNode inputs, JsonNode output, ErrorView error, String stdout,
                    String stderr, Map<String, String> details, Map<String, Integer> truncated) {
        this(dispatchId, node, inputs, output, error, stdout, stderr, details, truncated, List.of());
    }
}
