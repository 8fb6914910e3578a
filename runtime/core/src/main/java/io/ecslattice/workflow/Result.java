package io.ecslattice.workflow;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.Status;
import io.ecslattice.wire.Wire;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a dispatch came to (or has come to so far): status, timing, progress, the lattice's value, and
 * on failure the failing node with its error and output. Works in any process that reads the store.
 *
 * @param <T> the lattice's result type
 */
public final class Result<T> {

    private static final int STACK_LINES = 12;

    private final DispatchSummary summary;
    private final JsonNode valueJson;
    private final String valueType;
    private final NodeRecord failedNode;

    /** Built by the dispatcher from the results store. */
    public Result(DispatchSummary summary, JsonNode valueJson, String valueType, NodeRecord failedNode) {
        this.summary = summary;
        this.valueJson = valueJson;
        this.valueType = valueType;
        this.failedNode = failedNode;
    }

    public String dispatchId() {
        return summary.id();
    }

    public Status status() {
        return summary.status();
    }

    /** True when the dispatch completed and has a value. */
    public boolean isCompleted() {
        return summary.status() == Status.COMPLETED;
    }

    /** The dispatch's row: times, node counts, error. */
    public DispatchSummary summary() {
        return summary;
    }

    /** The node whose failure failed the dispatch; null otherwise. */
    public NodeRecord failedNode() {
        return failedNode;
    }

    /** The value as JSON, readable without the workflow's classes; null unless completed. */
    public JsonNode valueJson() {
        return valueJson;
    }

    /**
     * The lattice's value, read as its declared type (the context class loader must see the type's class).
     * Fails with the dispatch's status and error when it did not complete.
     */
    @SuppressWarnings("unchecked")
    public T value() {
        if (!isCompleted()) {
            throw new WorkflowException("dispatch " + summary.id() + " (" + summary.name() + ") is " + summary.status()
                    + " and has no value" + (failedNode == null ? "" : ": node " + failedNode.id() + " (" + failedNode.name()
                    + ") failed with " + failedNode.error().type() + ": " + failedNode.error().message()));
        }
        try {
            JavaType type = Wire.mapper().getTypeFactory().constructFromCanonical(valueType);
            return (T) Wire.mapper().treeToValue(valueJson, type);
        } catch (Exception e) {
            throw new WorkflowException("the value of dispatch " + summary.id() + " cannot be read as " + valueType + ": "
                    + e.getMessage() + "; use valueJson() to read it without the workflow's classes", e);
        }
    }

    /** Time from dispatch to end (or to now while it runs). */
    public Duration elapsed() {
        java.time.Instant end = summary.endedAt() != null ? summary.endedAt() : java.time.Instant.now();
        return Duration.between(summary.createdAt(), end);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("Dispatch ").append(summary.id()).append(" (").append(summary.name()).append("): ")
                .append(summary.status()).append(summary.status().isTerminal() ? " after " : ", running for ")
                .append(String.format("%.2f s", elapsed().toMillis() / 1000.0))
                .append(" [").append(summary.counts().progress()).append("]");
        if (isCompleted()) {
            text.append(System.lineSeparator()).append("  value: ")
                    .append(valueJson != null && valueJson.isTextual() ? valueJson.asText() : String.valueOf(valueJson));
        }
        if (failedNode != null && failedNode.error() != null) {
            text.append(System.lineSeparator()).append("  failed node ").append(failedNode.id()).append(" (")
                    .append(failedNode.name()).append(") on ").append(failedNode.executor()).append(": ")
                    .append(failedNode.error().type()).append(": ").append(failedNode.error().message());
            String stack = Arrays.stream(failedNode.error().stackTrace().split("\\R")).skip(1).limit(STACK_LINES)
                    .collect(Collectors.joining(System.lineSeparator() + "    "));
            if (!stack.isBlank()) {
                text.append(System.lineSeparator()).append("    ").append(stack);
            }
            appendOutput(text, "stdout", failedNode.stdout());
            appendOutput(text, "stderr", failedNode.stderr());
        } else if (summary.errorMessage() != null) {
            text.append(System.lineSeparator()).append("  ").append(summary.errorMessage());
        }
        return text.toString();
    }

    private static void appendOutput(StringBuilder text, String label, String output) {
        if (output == null || output.isBlank()) {
            return;
        }
        String[] lines = output.split("\\R");
        String last = Arrays.stream(lines).skip(Math.max(0, lines.length - 10)).collect(Collectors.joining(System.lineSeparator() + "    "));
        text.append(System.lineSeparator()).append("  ").append(label).append(" (last lines):")
                .append(System.lineSeparator()).append("    ").append(last);
    }
}
