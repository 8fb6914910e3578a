package io.ecslattice.dispatch;

/** A dispatch cannot be found, waited for or driven; the message names the dispatch and what was seen. */
public final class DispatchException extends RuntimeException {
    public DispatchException(String message) {
        super(message);
    }

    public DispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
