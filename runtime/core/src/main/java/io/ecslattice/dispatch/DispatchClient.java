package io.ecslattice.dispatch;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.store.Lease;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.StoreReader;
import io.ecslattice.store.StoredHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and cancels dispatches of any process without ever driving one: what {@code ecs-lattice status},
 * {@code result}, {@code cancel} and the UI use. A cancel is recorded in the store and carried out by the
 * process that drives the dispatch; when no live process drives it (its lease expired), the client stops
 * the running tasks itself through their executors' stop-by-handle and records the dispatch as cancelled,
 * without taking it over, so nothing pending ever starts.
 */
public final class DispatchClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchClient.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final ResultsStore store;
    private final ExecutorRegistry executors;
    private final Clock clock;
    private final boolean owned;

    private DispatchClient(ResultsStore store, ExecutorRegistry executors, Clock clock, boolean owned) {
        this.store = Objects.requireNonNull(store, "store");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owned = owned;
    }

    /** A client over the store and executors of the environment and config file; closes them when closed. */
    public static DispatchClient open() {
        ResultsStore store = ResultsStore.open(RuntimeSettings.resultsDb(RuntimeSettings.resolve()));
        return new DispatchClient(store, new ExecutorRegistry(ConfigFile.load()), Clock.systemUTC(), true);
    }

    /** A client over {@code store}, stopping orphaned tasks through {@code executors}; closing it closes neither. */
    public static DispatchClient of(ResultsStore store, ExecutorRegistry executors, Clock clock) {
        return new DispatchClient(store, executors, clock, false);
    }

    /** The results store it reads. */
    public ResultsStore store() {
        return store;
    }

    /** Queries for lists, graphs and nodes. */
    public StoreReader reader() {
        return store.reader();
    }

    /** The dispatch's state now; throws {@link DispatchException} when the store has no such dispatch. */
    public DispatchState state(String id) {
        return DispatchState.read(store.reader(), id, store.file().toString());
    }

    /** True while a live process holds an unexpired lease on the dispatch, i.e. drives it (a dead driver on this host does not). */
    public boolean isDriven(String id) {
        Optional<Lease> lease = store.reader().lease(id);
        return lease.isPresent() && lease.get().expiresAt().isAfter(clock.instant()) && !Dispatcher.deadOnThisHost(lease.get().owner());
    }

    /**
     * Waits up to {@code timeout} for the dispatch to end while another process drives it. Fails at once,
     * saying how to take it over, when no process drives it; never drives it itself.
     */
    public DispatchState await(String id, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            DispatchState state = state(id);
            if (state.terminal()) {
                return state;
            }
            if (!isDriven(id)) {
                throw new DispatchException("no process drives dispatch " + id + " (" + state.name() + ", " + state.status()
                        + "); its lease expired. Take it over with `ecs-lattice resume " + id + "`, or cancel it");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new DispatchException("waited " + timeout + " for dispatch " + id + " (" + state.name() + "); it is still "
                        + state.status());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DispatchException("interrupted while waiting for dispatch " + id, e);
            }
        }
    }

    /**
     * Cancels dispatch {@code id}: records the request; if no live process drives the dispatch, stops its
     * running tasks by their stored handles and records it as cancelled. Throws when there is no such dispatch.
     */
    public CancelOutcome cancel(String id) {
        if (state(id).terminal() || !store.requestCancel(id)) {
            return new CancelOutcome(CancelOutcome.Kind.ALREADY_ENDED, List.of(), List.of());
        }
        if (isDriven(id)) {
            return new CancelOutcome(CancelOutcome.Kind.REQUESTED, List.of(), List.of());
        }
        // A lease left by a dead driver on this host drives nothing: drop it (only if still that owner's).
        store.reader().lease(id).filter(lease -> Dispatcher.deadOnThisHost(lease.owner()))
                .ifPresent(lease -> store.releaseLease(id, lease.owner()));
        Optional<Map<String, StoredHandle>> running = store.cancelOrphaned(id, clock.instant());
        if (running.isEmpty()) {
            // A process took the dispatch over (and will honour the request) or it ended meanwhile.
            return new CancelOutcome(state(id).terminal() && !isDriven(id) ? CancelOutcome.Kind.ALREADY_ENDED
                    : CancelOutcome.Kind.REQUESTED, List.of(), List.of());
        }
        List<String> stopped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        running.get().forEach((nodeId, handle) -> {
            try {
                Executor executor = executors.get(handle.executor());
                executor.cancel(Handles.task(handle)).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                stopped.add(nodeId);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                problems.add("node " + nodeId + " (" + handle.executor() + " " + handle.ref() + "): " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("node " + nodeId + " (" + handle.executor() + " " + handle.ref() + "): interrupted");
            }
        });
        LOG.info("dispatch {}: cancelled while no process drove it; stopped nodes {}{}", id, stopped,
                problems.isEmpty() ? "" : ", could not stop " + problems);
        return new CancelOutcome(CancelOutcome.Kind.STOPPED, stopped, problems);
    }

    /** The newest {@code maxLines} lines a running node's task printed, read through its executor. */
    public List<String> liveLogs(StoredHandle handle, int maxLines) {
        return executors.get(handle.executor()).logs(Handles.task(handle), maxLines);
    }

    /** Closes the store and executors when {@link #open()} made them. */
    @Override
    public void close() {
        if (owned) {
            executors.close();
            store.close();
        }
    }
}
