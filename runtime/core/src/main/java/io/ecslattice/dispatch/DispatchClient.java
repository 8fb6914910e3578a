package io.ecslattice.dispatch;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.store.Lease;
import io.ecslattice.store.NodeRecord;
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
 * Reads and cancels dispatches of any process without ever driving one: the read-only {@link Dispatches} that
 * {@code ecs-lattice status}, {@code result}, {@code cancel}, {@code logs} and the UI use. A cancel is recorded in the store and carried out by the
 * process that drives the dispatch; when no live process drives it (its lease expired), the client stops
 * the running tasks itself through their executors' stop-by-handle and records the dispatch as cancelled,
 * without taking it over, so nothing pending ever starts.
 */
public final class DispatchClient implements Dispatches, AutoCloseable {

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

    @Override
    public List<DispatchInfo> list(int limit, int offset) {
        return store.reader().listDispatches(limit, offset).stream().map(ReadRows::info).toList();
    }

    @Override
    public Optional<DispatchInfo> info(String id) {
        return store.reader().dispatch(id).map(ReadRows::info);
    }

    /** The dispatch's state now; throws {@link DispatchException} when the store has no such dispatch. */
    @Override
    public DispatchState state(String id) {
        return DispatchState.read(store.reader(), id, store.file().toString());
    }

    @Override
    public Optional<DispatchGraph> graph(String id) {
        StoreReader reader = store.reader();
        return reader.detail(id).map(detail -> ReadRows.graph(detail, reader.nodeDetails(id)));
    }

    @Override
    public Optional<NodeDetail> node(String id, String nodeId) {
        StoreReader reader = store.reader();
        return reader.node(id, nodeId).map(node -> ReadRows.node(node, reader.attempts(id, nodeId)));
    }

    @Override
    public Optional<Driver> driver(String id) {
        return store.reader().lease(id).map(lease -> new Driver(lease.owner(), lease.expiresAt(), live(lease)));
    }

    @Override
    public String location() {
        return store.file().toAbsolutePath().toString();
    }

    /** True while a live process holds an unexpired lease on the dispatch, i.e. drives it (a dead driver on this host does not). */
    public boolean isDriven(String id) {
        return store.reader().lease(id).map(this::live).orElse(false);
    }

    private boolean live(Lease lease) {
        return lease.expiresAt().isAfter(clock.instant()) && !Dispatcher.deadOnThisHost(lease.owner());
    }

    /**
     * Waits up to {@code timeout} for the dispatch to end while another process drives it. Fails at once,
     * saying how to take it over, when no process drives it; never drives it itself.
     */
    @Override
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

    @Override
    public CancelOutcome requestCancel(String id) {
        return cancel(id);
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

    @Override
    public Optional<List<String>> liveLogs(String id, String nodeId, int maxLines) {
        Optional<NodeRecord> node = store.reader().node(id, nodeId);
        if (node.isEmpty() || node.get().status().isTerminal() || node.get().handle() == null) {
            return Optional.empty();
        }
        StoredHandle handle = node.get().handle();
        return Optional.of(executors.get(handle.executor()).logs(Handles.task(handle), maxLines));
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
