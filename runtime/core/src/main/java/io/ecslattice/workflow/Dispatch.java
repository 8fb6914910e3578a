package io.ecslattice.workflow;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one dispatch, in the process that started it ({@code lattice.dispatch(a, b)}) or in any
 * other ({@link #attach(String, Class)}). Waiting for the result drives the dispatch to its end, taking it
 * over when the process that started it is gone; through a {@link LatticeClient#readOnly read-only client}
 * it only reads and cancels.
 *
 * @param <R> the lattice's result type
 */
public final class Dispatch<R> {

    private static final Duration DEFAULT_WAIT = Duration.ofDays(7);

    private final LatticeClient client;
    private final String id;
    private final Type type;

    Dispatch(LatticeClient client, String id, Type type) {
        this.client = Objects.requireNonNull(client, "client");
        this.id = Objects.requireNonNull(id, "id");
        this.type = type;
    }

    /** Attaches to dispatch {@code id} (of this or another process) whose result is a {@code type}. */
    public static <R> Dispatch<R> attach(String id, Class<R> type) {
        return LatticeClient.shared().attach(id, type);
    }

    /** Attaches to dispatch {@code id} whose result is a generic type, e.g. {@code new TypeRef<List<String>>() {}}. */
    public static <R> Dispatch<R> attach(String id, TypeRef<R> type) {
        return LatticeClient.shared().attach(id, type);
    }

    /** The dispatch id: give it to {@link #attach}, {@code ecs-lattice status} or the UI. */
    public String id() {
        return id;
    }

    /** The status now, read from the results store. */
    public DispatchStatus status() {
        return DispatchStatus.valueOf(client.state(id).status());
    }

    /** The result as it stands now, without waiting. */
    public Result<R> current() {
        return new Result<>(client.state(id), type);
    }

    /** Waits for the dispatch to end (up to a week) and returns its result. */
    public Result<R> result() {
        return new Result<>(client.await(id, DEFAULT_WAIT), type);
    }

    /** Waits up to {@code timeout} for the dispatch to end; throws a {@link io.ecslattice.EcsLatticeException} naming its progress when it does not. */
    public Result<R> result(Duration timeout) {
        return new Result<>(client.await(id, timeout), type);
    }

    /** Completes with the result when the dispatch ends. */
    public CompletableFuture<Result<R>> future() {
        return client.completion(id).thenApply(state -> new Result<>(state, type));
    }

    /** Cancels: pending nodes never start, running tasks are stopped. False when it had already ended. */
    public boolean cancel() {
        return client.cancel(id);
    }

    @Override
    public String toString() {
        return "Dispatch(" + id + ")";
    }
}
