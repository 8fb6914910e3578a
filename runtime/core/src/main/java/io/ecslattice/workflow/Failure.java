package io.ecslattice.workflow;

/**
 * A failed attempt of an electron as a retry predicate ({@link Retry#when}) sees it, in the dispatching
 * process: the electron's exception type and message as its task reported them, {@link #TIMEOUT} when the
 * attempt ran out of time, or the executor's own name for a task that died without a result (such as
 * {@code EssentialContainerExited}).
 *
 * @param type    the exception's binary class name, {@link #TIMEOUT}, or an executor's stop code
 * @param message the exception's message, or what the executor saw
 */
public record Failure(String type, String message) {

    /** The {@link #type()} of an attempt stopped because it ran past its timeout. */
    public static final String TIMEOUT = "Timeout";

    /** True when the attempt was stopped by its timeout. */
    public boolean isTimeout() {
        return TIMEOUT.equals(type);
    }
}
