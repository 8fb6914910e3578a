package io.ecslattice.taskrunner.worker;

import io.ecslattice.taskrunner.TaskStorages;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.net.URI;

/**
 * Where a worker puts an electron's result before it acknowledges the item. The default writes it to
 * the spec's result URI, like a one-shot task; a pool may also announce the completion (an SQS message).
 */
@FunctionalInterface
public interface ResultSink {

    /** Stores {@code result} of {@code spec} durably; when this returns, the item may be acknowledged. */
    void write(TaskSpec spec, TaskResult result) throws IOException;

    /** Writes the result to {@link TaskSpec#resultUri()} through the {@link io.ecslattice.taskrunner.TaskStorage} of its scheme. */
    static ResultSink toResultUri() {
        return (spec, result) -> {
            URI uri = URI.create(spec.resultUri());
            TaskStorages.forUri(uri).write(uri, Wire.mapper().writeValueAsBytes(result));
        };
    }
}
