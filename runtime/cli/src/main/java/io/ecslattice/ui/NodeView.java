package io.ecslattice.ui;

import com.fasterxml.jackson.databind.JsonNode;
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
        Map<String, Integer> truncated) {

    public NodeView {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(node, "node");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        details = Map.copyOf(details);
        truncated = Map.copyOf(truncated);
    }
}
