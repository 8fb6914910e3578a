package io.ecslattice.workflow;

import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.dispatch.DispatchException;
import io.ecslattice.dispatch.DispatchState;
import io.ecslattice.dispatch.Dispatcher;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one dispatch, in the process that started it ({@code lattice.dispatch(a, b)}) or in any
 * other ({@link #attach(String, Class)}). Through a {@link Dispatcher}, waiting for the result drives the
 * dispatch to its end, taking it over when the process that started it is gone; through a
 * {@link DispatchClient} ({@link #attach(DispatchClient, String, Class)}) it only reads and cancels.
 *
 * @param <R> the lattice's result type
 */
public final class Dispatch<R> {

    private static final Duration DEFAULT_WAIT = Duration.ofDays(7);

    /** What a handle needs from the engine: a driving {@link Dispatcher} or a read-only {@link DispatchClient}. */
    private interface Engine {
        DispatchState state(String id);

        DispatchState await(String id, Duration timeout);

        CompletableFuture<DispatchState> completion(String id);

        boolean cancel(String id);
    }

    private final Engine engine;
    private final String id;
    private final Type type;

    Dispatch(Dispatcher dispatcher, String id, Type type) {
        this(driving(dispatcher), id, type);
    }

    private Dispatch(Engine engine, String id, Type type) {
        this.engine = engine;
        this.id = Objects.requireNonNull(id, "id");
        this.type = type;
    }

    private static Engine driving(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return new Engine() {
            @Override
            public DispatchState state(String id) {
                return dispatcher.state(id);
            }

            @Override
            public DispatchState await(String id, Duration timeout) {
                return dispatcher.await(id, timeout);
            }

            @Override
            public CompletableFuture<DispatchState> completion(String id) {
                return dispatcher.completion(id);
            }

            @Override
            public boolean cancel(String id) {
                return dispatcher.cancel(id);
            }
        };
    }

    private static Engine reading(DispatchClient client) {
        Objects.requireNonNull(client, "client");
        return new Engine() {
            @Override
            public DispatchState state(String id) {
                return client.state(id);
            }

            @Override
            public DispatchState await(String id, Duration timeout) {
                return client.await(id, timeout);
            }

            @Override
            public CompletableFuture<DispatchState> completion(String id) {
                return CompletableFuture.supplyAsync(() -> client.await(id, DEFAULT_WAIT));
            }

            @Override
            public boolean cancel(String id) {
                return client.cancel(id).accepted();
            }
        };
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

    /** Attaches read-only through {@code client}: waiting never drives the dispatch, it fails when no process does. */
    public static <R> Dispatch<R> attach(DispatchClient client, String id, Class<R> type) {
        return attached(reading(client), id, Objects.requireNonNull(type, "type"));
    }

    /** Attaches read-only through {@code client}, with a generic result type. */
    public static <R> Dispatch<R> attach(DispatchClient client, String id, TypeRef<R> type) {
        return attached(reading(client), id, Objects.requireNonNull(type, "type").type());
    }

    private static <R> Dispatch<R> attached(Dispatcher dispatcher, String id, Type type) {
        return attached(driving(dispatcher), id, type);
    }

    private static <R> Dispatch<R> attached(Engine engine, String id, Type type) {
        try {
            engine.state(id);
        } catch (DispatchException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
        return new Dispatch<>(engine, id, type);
    }

    /** The dispatch id: give it to {@link #attach}, {@code ecs-lattice status} or the UI. */
    public String id() {
        return id;
    }

    /** The status now, read from the results store. */
    public DispatchStatus status() {
        return DispatchStatus.valueOf(engine.state(id).status());
    }

    /** The result as it stands now, without waiting. */
    public Result<R> current() {
        return new Result<>(engine.state(id), type);
    }

    /** Waits for the dispatch to end (up to a week) and returns its result. */
    public Result<R> result() {
        return new Result<>(engine.await(id, DEFAULT_WAIT), type);
    }

    /** Waits up to {@code timeout} for the dispatch to end; throws a {@link DispatchException} naming its progress when it does not. */
    public Result<R> result(Duration timeout) {
        return new Result<>(engine.await(id, timeout), type);
    }

    /** Completes with the result when the dispatch ends. */
    public CompletableFuture<Result<R>> future() {
        return engine.completion(id).thenApply(state -> new Result<>(state, type));
    }

    /** Cancels: pending nodes never start, running tasks are stopped. False when it had already ended. */
    public boolean cancel() {
        return engine.cancel(id);
    }

    @Override
    public String toString() {
        return "Dispatch(" + id + ")";
    }
}
