package io.ecslattice.workflow;

import io.ecslattice.dispatch.DispatchException;
import io.ecslattice.dispatch.Dispatcher;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one dispatch, in the process that started it ({@code lattice.dispatch(a, b)}) or in any
 * other ({@link #attach(String, Class)}). Waiting for the result drives the dispatch to its end, taking
 * it over when the process that started it is gone; {@link #status()} only reads.
 *
 * @param <R> the lattice's result type
 */
public final class Dispatch<R> {

    private final Dispatcher dispatcher;
    private final String id;
    private final Type type;

    Dispatch(Dispatcher dispatcher, String id, Type type) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.id = Objects.requireNonNull(id, "id");
        this.type = type;
    }

    /** Attaches to dispatch {@code id} (of this or another process) whose result is a {@code type}. */
    public static <R> Dispatch<R> attach(String id, Class<R> type) {
        return attach(Dispatcher.shared(), id, type);
    }

    /** Attaches to dispatch {@code id} whose result is a generic type, e.g. {@code new TypeRef<List<String>>() {}}. */
    public static <R> Dispatch<R> attach(String id, TypeRef<R> type) {
        return attach(Dispatcher.shared(), id, type);
    }

    /** Attaches to dispatch {@code id} through {@code dispatcher}; fails when its store has no such dispatch. */
    public static <R> Dispatch<R> attach(Dispatcher dispatcher, String id, Class<R> type) {
        return attached(dispatcher, id, Objects.requireNonNull(type, "type"));
    }

    /** Attaches to dispatch {@code id} through {@code dispatcher}, with a generic result type. */
    public static <R> Dispatch<R> attach(Dispatcher dispatcher, String id, TypeRef<R> type) {
        return attached(dispatcher, id, Objects.requireNonNull(type, "type").type());
    }

    private static <R> Dispatch<R> attached(Dispatcher dispatcher, String id, Type type) {
        try {
            dispatcher.state(id);
        } catch (DispatchException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
        return new Dispatch<>(dispatcher, id, type);
    }

    /** The dispatch id: give it to {@link #attach}, {@code ecs-lattice status} or the UI. */
    public String id() {
        return id;
    }

    /** The status now, read from the results store. */
    public DispatchStatus status() {
        return DispatchStatus.valueOf(dispatcher.state(id).status());
    }

    /** The result as it stands now, without waiting. */
    public Result<R> current() {
        return new Result<>(dispatcher.state(id), type);
    }

    /** Waits for the dispatch to end (up to a week) and returns its result. */
    public Result<R> result() {
        return new Result<>(dispatcher.await(id), type);
    }

    /** Waits up to {@code timeout} for the dispatch to end; throws a {@link DispatchException} naming its progress when it does not. */
    public Result<R> result(Duration timeout) {
        return new Result<>(dispatcher.await(id, timeout), type);
    }

    /** Completes with the result when the dispatch ends. */
    public CompletableFuture<Result<R>> future() {
        return dispatcher.completion(id).thenApply(state -> new Result<>(state, type));
    }

    /** Cancels: pending nodes never start, running tasks are stopped. False when it had already ended. */
    public boolean cancel() {
        return dispatcher.cancel(id);
    }

    @Override
    public String toString() {
        return "Dispatch(" + id + ")";
    }
}
