package io.ecslattice.workflow;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.dispatch.DispatchState;
import io.ecslattice.wire.Wire;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a dispatch came to (or has come to so far): status, timing, progress, the lattice's value, and on
 * failure the failed node with its error and captured output. Read from the results store, so it works
 * in any process; get one from {@link Dispatch#result()}.
 *
 * @param <R> the lattice's result type
 */
public final class Result<R> {

    private static final int STACK_LINES = 12;

    private final DispatchState state;
    private final Type type;

    /** {@code type} reads the value; null reads it as the type the lattice recorded. */
    Result(DispatchState state, Type type) {
        this.state = state;
        this.type = type;
    }

    /** The dispatch's id. */
    public String dispatchId() {
        return state.id();
    }

    /** The lattice's name. */
    public String latticeName() {
        return state.name();
    }

    /** The dispatch's status when this result was read. */
    public DispatchStatus status() {
        return DispatchStatus.valueOf(state.status());
    }

    /** True when the dispatch completed and has a value. */
    public boolean isCompleted() {
        return status() == DispatchStatus.COMPLETED;
    }

    /** Its nodes by state. */
    public Progress progress() {
        DispatchState.Progress p = state.progress();
        return new Progress(p.total(), p.waiting(), p.running(), p.completed(), p.failed(), p.cancelled());
    }

    /** When it was dispatched. */
    public Instant createdAt() {
        return state.createdAt();
    }

    /** When it ended; null while it runs. */
    public Instant endedAt() {
        return state.endedAt();
    }

    /** Time from dispatch to end (or to now while it runs). */
    public Duration elapsed() {
        Instant end = state.endedAt() != null ? state.endedAt() : Instant.now();
        return Duration.between(state.createdAt(), end);
    }

    /** The name of the electron whose failure failed the dispatch; null otherwise. */
    public String failedNode() {
        return state.failedNode() == null ? null : state.failedNode().name();
    }

    /** The id of the node whose failure failed the dispatch (e.g. {@code "3"}); null otherwise. */
    public String failedNodeId() {
        return state.failedNode() == null ? null : state.failedNode().id();
    }

    /** Why the failed node failed; null unless the dispatch failed. */
    public ElectronError error() {
        DispatchState.FailedNode failed = state.failedNode();
        return failed == null || failed.errorType() == null ? null
                : new ElectronError(failed.errorType(), failed.errorMessage(), failed.stackTrace());
    }

    /** Why the dispatch failed or was cancelled, in a sentence; null when it did not. */
    public String errorMessage() {
        return state.errorMessage();
    }

    /** What the failed node printed to standard output; empty unless the dispatch failed. */
    public String stdout() {
        return state.failedNode() == null || state.failedNode().stdout() == null ? "" : state.failedNode().stdout();
    }

    /** What the failed node printed to standard error; empty unless the dispatch failed. */
    public String stderr() {
        return state.failedNode() == null || state.failedNode().stderr() == null ? "" : state.failedNode().stderr();
    }

    /** The value as JSON, readable without the workflow's classes; null unless completed. */
    public JsonNode valueJson() {
        return state.output();
    }

    /**
     * The lattice's value. Fails with the dispatch's status and error when it did not complete, and names
     * the type when the stored value cannot be read as it.
     */
    @SuppressWarnings("unchecked")
    public R value() {
        if (!isCompleted()) {
            ElectronError error = error();
            throw new WorkflowException("dispatch " + state.id() + " (" + state.name() + ") is " + state.status()
                    + " and has no value" + (error == null ? "" : ": node " + failedNodeId() + " (" + failedNode()
                    + ") failed with " + error.type() + ": " + error.message()));
        }
        String typeName = type != null ? type.getTypeName() : state.outputType();
        try {
            JavaType javaType = type != null ? Wire.mapper().getTypeFactory().constructType(type)
                    : Wire.mapper().getTypeFactory().constructFromCanonical(state.outputType());
            return (R) Wire.mapper().treeToValue(state.output(), javaType);
        } catch (Exception e) {
            throw new WorkflowException("the value of dispatch " + state.id() + " cannot be read as " + typeName + ": "
                    + e.getMessage() + "; use valueJson() to read it without the workflow's classes", e);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        DispatchStatus status = status();
        text.append("Dispatch ").append(state.id()).append(" (").append(state.name()).append("): ")
                .append(status).append(status.isTerminal() ? " after " : ", running for ")
                .append(String.format("%.2f s", elapsed().toMillis() / 1000.0))
                .append(" [").append(progress()).append("]");
        if (isCompleted()) {
            JsonNode value = state.output();
            text.append(System.lineSeparator()).append("  value: ")
                    .append(value != null && value.isTextual() ? value.asText() : String.valueOf(value));
        }
        DispatchState.FailedNode failed = state.failedNode();
        if (failed != null && failed.errorType() != null) {
            text.append(System.lineSeparator()).append("  failed node ").append(failed.id()).append(" (")
                    .append(failed.name()).append(") on ").append(failed.executor()).append(": ")
                    .append(failed.errorType()).append(": ").append(failed.errorMessage());
            String stack = Arrays.stream(failed.stackTrace().split("\\R")).skip(1).limit(STACK_LINES)
                    .collect(Collectors.joining(System.lineSeparator() + "    "));
            if (!stack.isBlank()) {
                text.append(System.lineSeparator()).append("    ").append(stack);
            }
            appendOutput(text, "stdout", stdout());
            appendOutput(text, "stderr", stderr());
        } else if (state.errorMessage() != null) {
            text.append(System.lineSeparator()).append("  ").append(state.errorMessage());
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
