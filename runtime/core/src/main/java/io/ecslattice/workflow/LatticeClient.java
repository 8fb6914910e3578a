package io.ecslattice.workflow;

import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.dispatch.DispatchException;
import io.ecslattice.dispatch.DispatchRequest;
import io.ecslattice.dispatch.DispatchState;
import io.ecslattice.dispatch.Dispatcher;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The one place an application that embeds the engine hands it to the API: a {@link Dispatcher} built with
 * a store and executors of its own ({@link #of(Dispatcher)}), or a read-only {@link DispatchClient}
 * ({@link #readOnly(DispatchClient)}) that reads and cancels dispatches but never drives one. Built once and
 * passed around: {@code lattice.dispatch(client, a, b)}, {@code client.attach(id, String.class)}. Code that
 * does not embed never needs it: {@code lattice.dispatch(a, b)}, {@link Dispatch#attach(String, Class)} and
 * {@link Lattices} use the process-wide engine configured from the environment and the config file.
 */
public final class LatticeClient {

    private static final Duration DEFAULT_WAIT = Duration.ofDays(7);

    /** What a client needs from the engine, whether it drives dispatches or only reads them. */
    private interface Engine {
        DispatchState state(String id);

        DispatchState await(String id, Duration timeout);

        CompletableFuture<DispatchState> completion(String id);

        boolean cancel(String id);
    }

    private final Dispatcher dispatcher;
    private final Engine engine;

    private LatticeClient(Dispatcher dispatcher, Engine engine) {
        this.dispatcher = dispatcher;
        this.engine = engine;
    }

    /** The process-wide engine, configured from the environment and the config file. */
    public static LatticeClient shared() {
        return of(Dispatcher.shared());
    }

    /**
     * A client that dispatches through {@code dispatcher}; waiting for a result drives the dispatch to its end,
     * taking it over when the process that started it is gone.
     */
    public static LatticeClient of(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return new LatticeClient(dispatcher, new Engine() {
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
        });
    }

    /**
     * A client that reads and cancels through {@code client} and never drives a dispatch: waiting fails when no
     * process drives it, and it cannot dispatch or redispatch.
     */
    public static LatticeClient readOnly(DispatchClient client) {
        Objects.requireNonNull(client, "client");
        return new LatticeClient(null, new Engine() {
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
        });
    }

    /** Attaches to dispatch {@code id} (of this or another process) whose result is a {@code type}. */
    public <R> Dispatch<R> attach(String id, Class<R> type) {
        return attached(id, Objects.requireNonNull(type, "type"));
    }

    /** Attaches to dispatch {@code id} whose result is a generic type, e.g. {@code new TypeRef<List<String>>() {}}. */
    public <R> Dispatch<R> attach(String id, TypeRef<R> type) {
        return attached(id, Objects.requireNonNull(type, "type").type());
    }

    /**
     * Runs dispatch {@code id} again as a new dispatch, with the same arguments, and returns the new id. A node
     * whose electron's code and inputs are unchanged is not run again: its stored value is reused (CACHED).
     */
    public String redispatch(String id) {
        return driving("redispatch " + id).redispatch(id, null, Map.of());
    }

    /** As {@link #redispatch(String)}, with new arguments and/or replaced electrons. */
    public String redispatch(String id, Redispatch changes) {
        Objects.requireNonNull(changes, "changes");
        return driving("redispatch " + id).redispatch(id, changes.argsJson(), changes.replacements());
    }

    /** Cancels a dispatch: pending nodes never start, running tasks are stopped. False when it had already ended. */
    public boolean cancel(String id) {
        return engine.cancel(id);
    }

    /** Records and starts the dispatch {@code request}; returns its id. */
    String start(DispatchRequest request) {
        return driving("dispatch lattice " + request.graph().name()).dispatch(request);
    }

    DispatchState state(String id) {
        return engine.state(id);
    }

    DispatchState await(String id, Duration timeout) {
        return engine.await(id, timeout);
    }

    CompletableFuture<DispatchState> completion(String id) {
        return engine.completion(id);
    }

    private <R> Dispatch<R> attached(String id, Type type) {
        try {
            engine.state(id);
        } catch (DispatchException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
        return new Dispatch<>(this, id, type);
    }

    private Dispatcher driving(String what) {
        if (dispatcher == null) {
            throw new WorkflowException("cannot " + what + " through a read-only LatticeClient; use LatticeClient.of(dispatcher) "
                    + "or LatticeClient.shared()");
        }
        return dispatcher;
    }

    @Override
    public String toString() {
        return dispatcher == null ? "LatticeClient(read-only)" : "LatticeClient(" + dispatcher + ")";
    }
}
