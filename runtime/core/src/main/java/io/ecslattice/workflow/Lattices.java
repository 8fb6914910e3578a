package io.ecslattice.workflow;

import io.ecslattice.dispatch.Dispatcher;
import java.time.Duration;
import java.util.Map;

/**
 * The entry points users call: dispatch a lattice, fetch its result (from this or any other process),
 * cancel it. They use the process-wide {@link Dispatcher#shared()} built from the environment and the
 * config file.
 */
public final class Lattices {

    private Lattices() {
    }

    /** Validates {@code lattice} with {@code args}, records it and starts it; returns its id at once. */
    public static String dispatch(Lattice<?> lattice, Object... args) {
        return Dispatcher.shared().dispatch(lattice, args);
    }

    /**
     * The dispatch's result; with {@code wait}, blocks until it ends (taking the dispatch over when the
     * process that drove it is gone). Without, returns its current state.
     */
    public static <T> Result<T> getResult(String dispatchId, boolean wait) {
        return Dispatcher.shared().getResult(dispatchId, wait);
    }

    /** Waits up to {@code timeout} for the dispatch to end and returns its result. */
    public static <T> Result<T> getResult(String dispatchId, Duration timeout) {
        return Dispatcher.shared().getResult(dispatchId, timeout);
    }

    /**
     * Runs dispatch {@code dispatchId} again as a new dispatch, with the same arguments, and returns the new
     * id. A node whose electron's code (see README, "Redispatch and caching") and inputs are unchanged is
     * not run again: its stored value is reused and it shows as CACHED.
     */
    public static String redispatch(String dispatchId) {
        return Dispatcher.shared().redispatch(dispatchId, null, Map.of());
    }

    /** As {@link #redispatch(String)}, with new arguments and/or replaced electrons. */
    public static String redispatch(String dispatchId, Redispatch changes) {
        return Dispatcher.shared().redispatch(dispatchId, changes.args(), changes.replacements());
    }

    /** Cancels a dispatch: pending nodes never start, running tasks are stopped. False when it had already ended. */
    public static boolean cancel(String dispatchId) {
        return Dispatcher.shared().cancel(dispatchId);
    }
}
