package io.ecslattice.dispatch;

import io.ecslattice.EcsLatticeException;

/** A dispatch cannot be found, waited for or driven; the message names the dispatch and what was seen. */
public final class DispatchException extends EcsLatticeException {
    /** An exception with {@code message}. */
    public DispatchException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public DispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
