package io.ecslattice.wire;

import java.util.Objects;

/**
 * Why a task failed: the electron's exception, or what the executor saw when the task died.
 *
 * @param type       the exception's class name, or an executor's stop code such as
 *                   {@code EssentialContainerExited} or {@code CannotPullContainerError}
 * @param message    a sentence a user can act on
 * @param stackTrace the full stack trace as printed by the JVM; empty when there is none
 */
public record TaskError(String type, String message, String stackTrace) {
    public TaskError {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }
}
