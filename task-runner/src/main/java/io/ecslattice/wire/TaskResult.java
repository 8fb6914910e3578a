package io.ecslattice.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What one task produced: the value or the error, the electron's captured output, and its timing.
 * Written by the task runner to {@link TaskSpec#resultUri()}; also synthesized by an executor when a
 * task died without writing one (then {@code error.type} names what the executor saw, for example
 * {@code EssentialContainerExited}).
 *
 * @param wireVersion {@link Wire#VERSION} of the writer
 * @param dispatchId  copied from the spec, so a result can be checked against the task it claims to be
 * @param nodeId      copied from the spec
 * @param value       the electron's return value as JSON; null when it failed (or returned null)
 * @param error       null when the electron returned normally
 * @param stdout      captured standard output, at most {@link Wire#MAX_CAPTURED_CHARS} chars, ending in
 *                    {@link Wire#TRUNCATION_MARKER} when cut
 * @param stderr      captured standard error, bounded the same way
 * @param startedAt   when the electron was invoked
 * @param endedAt     when it returned or threw
 */
public record TaskResult(
        int wireVersion,
        String dispatchId,
        String nodeId,
        JsonNode value,
        TaskError error,
        String stdout,
        String stderr,
        Instant startedAt,
        Instant endedAt) {

    public TaskResult {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(nodeId, "nodeId");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** True when the electron returned normally. */
    public boolean succeeded() {
        return error == null;
    }
}
