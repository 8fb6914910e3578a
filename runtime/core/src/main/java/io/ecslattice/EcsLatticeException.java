package io.ecslattice;

/**
 * The root of every exception ecs-lattice throws on purpose, so one {@code catch} covers them all; the
 * kinds beneath it say what went wrong: a workflow that cannot run as written ({@code WorkflowException}),
 * a dispatch that cannot be found, waited for or driven ({@code DispatchException}), a setting
 * ({@code ConfigException}), a graph ({@code GraphException}) or the results store ({@code StoreException}).
 * Unchecked, like the rest of the API's failures; the message says what to change.
 */
public abstract class EcsLatticeException extends RuntimeException {

    /** An exception with {@code message}. */
    protected EcsLatticeException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    protected EcsLatticeException(String message, Throwable cause) {
        super(message, cause);
    }
}
