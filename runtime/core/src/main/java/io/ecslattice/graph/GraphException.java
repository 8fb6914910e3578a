package io.ecslattice.graph;

import io.ecslattice.EcsLatticeException;

/** A graph that cannot run as built or as stored: a cycle, a dangling reference, a malformed document. */
public final class GraphException extends EcsLatticeException {
    /** An exception with {@code message}. */
    public GraphException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
