package io.ecslattice.graph;

/** A graph that cannot run as built or as stored: a cycle, a dangling reference, a malformed document. */
public final class GraphException extends RuntimeException {
    public GraphException(String message) {
        super(message);
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
