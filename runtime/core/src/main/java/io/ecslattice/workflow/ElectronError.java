package io.ecslattice.workflow;

/**
 * Why an electron failed: the exception it threw in its task, or what the executor saw when the task
 * died without a result (such as {@code ChildJvmExited} or ECS's {@code stoppedReason}).
 *
 * @param type       the exception's class name, or the executor's name for the failure
 * @param message    the message
 * @param stackTrace the stack trace as text; empty when there is none
 */
public record ElectronError(String type, String message, String stackTrace) {
    public ElectronError {
        stackTrace = stackTrace == null ? "" : stackTrace;
    }
}
