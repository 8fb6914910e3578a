package io.ecslattice.store;

import io.ecslattice.EcsLatticeException;

/** The results store could not be opened, read or written; the message names the database file. */
public final class StoreException extends EcsLatticeException {
    /** An exception with {@code message}, caused by {@code cause}. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An exception with {@code message}. */
    public StoreException(String message) {
        super(message);
    }
}
