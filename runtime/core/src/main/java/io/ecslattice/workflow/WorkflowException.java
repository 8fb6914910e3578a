package io.ecslattice.workflow;

/** A lattice or electron cannot run as written; the message says what to change. Thrown before anything runs. */
public final class WorkflowException extends RuntimeException {
    public WorkflowException(String message) {
        super(message);
    }

    public WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
