package io.ecslattice.dispatch;

import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.Wire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/** Results for nodes whose executor call failed (submit or await threw), so they are stored like an electron's error. */
final class Failures {

    private Failures() {
    }

    /** A failed result of node {@code nodeId} with error {@code type}, {@code message} and the cause's stack trace (if any). */
    static TaskResult result(String dispatchId, String nodeId, Instant now, String type, String message, Throwable error) {
        StringWriter trace = new StringWriter();
        if (error != null) {
            cause(error).printStackTrace(new PrintWriter(trace));
        }
        return new TaskResult(Wire.VERSION, dispatchId, nodeId, null, new TaskError(type, message, trace.toString()), "", "", now, now);
    }

    /** The message of what really failed, unwrapping a CompletionException. */
    static String message(Throwable error) {
        Throwable cause = cause(error);
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }

    /**
     * What really failed as {@code type: message} (unwrapping a CompletionException), for a node's error: the message
     * alone ("Illegal character in path ...") does not say which exception it was.
     */
    static String describe(Throwable error) {
        return cause(error).toString();
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
