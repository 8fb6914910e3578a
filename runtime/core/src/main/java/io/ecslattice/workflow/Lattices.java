package io.ecslattice.workflow;

import java.time.Duration;

/**
 * Covalent-style entry points, thin typed conveniences over {@link Lattice0#dispatch()} and friends and
 * {@link Dispatch}: dispatch returns the id, and getResult reads the result as the type given. They use
 * the process-wide engine ({@link LatticeClient#shared()}); an application that embeds its own uses a
 * {@link LatticeClient} instead.
 */
public final class Lattices {

    private Lattices() {
    }

    /** Starts {@code lattice}; returns its dispatch id at once. */
    public static <R> String dispatch(Lattice0<R> lattice) {
        return lattice.dispatch().id();
    }

    /** Starts {@code lattice} on {@code a}; returns its dispatch id at once. */
    public static <A, R> String dispatch(Lattice1<A, R> lattice, A a) {
        return lattice.dispatch(a).id();
    }

    /** Starts {@code lattice} on {@code a, b}; returns its dispatch id at once. */
    public static <A, B, R> String dispatch(Lattice2<A, B, R> lattice, A a, B b) {
        return lattice.dispatch(a, b).id();
    }

    /** Starts {@code lattice} on {@code a, b, c}; returns its dispatch id at once. */
    public static <A, B, C, R> String dispatch(Lattice3<A, B, C, R> lattice, A a, B b, C c) {
        return lattice.dispatch(a, b, c).id();
    }

    /** Starts {@code lattice} on {@code a, b, c, d}; returns its dispatch id at once. */
    public static <A, B, C, D, R> String dispatch(Lattice4<A, B, C, D, R> lattice, A a, B b, C c, D d) {
        return lattice.dispatch(a, b, c, d).id();
    }

    /** Starts {@code lattice} on {@code a, b, c, d, e}; returns its dispatch id at once. */
    public static <A, B, C, D, E, R> String dispatch(Lattice5<A, B, C, D, E, R> lattice, A a, B b, C c, D d, E e) {
        return lattice.dispatch(a, b, c, d, e).id();
    }

    /**
     * The result of dispatch {@code dispatchId}, its value read as {@code type}; with {@code wait}, blocks
     * until it ends (taking the dispatch over when the process that drove it is gone).
     */
    public static <R> Result<R> getResult(String dispatchId, Class<R> type, boolean wait) {
        Dispatch<R> dispatch = Dispatch.attach(dispatchId, type);
        return wait ? dispatch.result() : dispatch.current();
    }

    /** Waits up to {@code timeout} for dispatch {@code dispatchId} to end and returns its result, read as {@code type}. */
    public static <R> Result<R> getResult(String dispatchId, Class<R> type, Duration timeout) {
        return Dispatch.attach(dispatchId, type).result(timeout);
    }

    /**
     * Runs dispatch {@code dispatchId} again as a new dispatch, with the same arguments, and returns the new
     * id. A node whose electron's code (see README, "Redispatch and caching") and inputs are unchanged is
     * not run again: its stored value is reused and it shows as CACHED.
     */
    public static String redispatch(String dispatchId) {
        return LatticeClient.shared().redispatch(dispatchId);
    }

    /** As {@link #redispatch(String)}, with new arguments and/or replaced electrons. */
    public static String redispatch(String dispatchId, Redispatch changes) {
        return LatticeClient.shared().redispatch(dispatchId, changes);
    }

    /** Cancels a dispatch: pending nodes never start, running tasks are stopped. False when it had already ended. */
    public static boolean cancel(String dispatchId) {
        return LatticeClient.shared().cancel(dispatchId);
    }
}
