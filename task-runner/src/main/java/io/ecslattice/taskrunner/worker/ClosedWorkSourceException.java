package io.ecslattice.taskrunner.worker;

import java.io.IOException;

/** Thrown by {@link WorkSource#receive} when the source is gone for good, e.g. its executor closed the socket. */
public final class ClosedWorkSourceException extends IOException {

    /** A closed source, saying which and why. */
    public ClosedWorkSourceException(String message) {
        super(message);
    }
}
