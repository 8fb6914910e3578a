package io.ecslattice.workflow;

import io.ecslattice.EcsLatticeException;

/** A lattice or electron cannot run as written; the message says what to change. Thrown before anything runs. */
public final class WorkflowException extends EcsLatticeException {
    /** An exception with {@code message}. */
    public WorkflowException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
