package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.store.DispatchDetail;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.store.StoredDispatch;
import io.ecslattice.graph.Graph;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.workflow.Result;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches lattices and drives them to the end: records each dispatch in the {@link ResultsStore},
 * holds and renews its lease while driving it, takes over dispatches whose driver is gone, answers
 * {@link #getResult} from the store, and cancels on request from any process.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration DEFAULT_WAIT = Duration.ofDays(7);
    private static volatile Dispatcher shared;

    private final ResultsStore store;
    private final ExecutorRegistry registry;
    private final Duration leaseTtl;
    private final String defaultExecutor;
    private final Clock clock;
    private final String owner;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService timers;
    private final LeaseKeeper leaseKeeper;
    private final Map<String, DispatchRun> runs = new ConcurrentHashMap<>();
    private final Map<String, ExecutorLane> lanes = new ConcurrentHashMap<>();
    private final DispatchValidator validator = new DispatchValidator();

    /** A dispatcher over {@code store} that resolves executor names through {@code registry}. */
    public Dispatcher(ResultsStore store, ExecutorRegistry registry, Duration leaseTtl, String defaultExecutor, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.leaseTtl = leaseTtl;
        this.defaultExecutor = defaultExecutor;
        this.clock = clock;
        this.owner = ProcessHandle.current().pid() + "@" + hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger count = new AtomicInteger();
        this.callbacks = Executors.newFixedThreadPool(4, r -> daemon(r, "ecs-lattice-dispatch-" + count.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ecs-lattice-dispatch-timers"));
        this.leaseKeeper = new LeaseKeeper(store, owner, leaseTtl, clock, runs);
    }

    /** A dispatcher configured by resolved {@link RuntimeSettings}. */
    public static Dispatcher open(ResolvedSettings runtime, ConfigFile configFile) {
        ResultsStore store = ResultsStore.open(RuntimeSettings.resultsDb(runtime));
        return new Dispatcher(store, new ExecutorRegistry(configFile), Duration.ofSeconds(runtime.get(RuntimeSettings.LEASE_SECONDS)),
                runtime.get(RuntimeSettings.DEFAULT_EXECUTOR), Clock.systemUTC());
    }

    /** The process-wide dispatcher, configured from the environment and the config file on first use. */
    public static Dispatcher shared() {
        Dispatcher current = shared;
        if (current == null) {
            synchronized (Dispatcher.class) {
                if (shared == null) {
                    shared = open(RuntimeSettings.resolve(), ConfigFile.load());
                    Runtime.getRuntime().addShutdownHook(new Thread(shared::warnUnfinished, "ecs-lattice-exit"));
                }
                current = shared;
            }
        }
        return current;
    }

    public ResultsStore store() {
        return store;
    }

    public ExecutorRegistry registry() {
        return registry;
    }

    /** Validates {@code lattice} with {@code args}, records it, starts it in the background and returns its id. */
    public String dispatch(Lattice<?> lattice, Object... args) {
        Object[] values = args == null ? new Object[] {null} : args;
        ArrayNode argsJson = validator.arguments(lattice, values);
        Graph graph = withExecutors(lattice.graph());
        Map<String, Executor> executors = new HashMap<>(lattice.executors());
        // Instances given to electrons are also what a takeover in this process finds by name.
        lattice.executors().values().forEach(registry::register);
        for (NodeSpec node : graph.nodes()) {
            Executor executor = executors.computeIfAbsent(node.executor(), registry::get);
            executor.resourcesProblem(node.resources()).ifPresent(problem -> {
                throw new io.ecslattice.workflow.WorkflowException("node " + node.label() + " of lattice " + graph.name()
                        + " on executor " + executor.name() + ": " + problem);
            });
        }
        List<Path> classpath = Classpaths.of(lattice.electronClasses());
        String id = UUID.randomUUID().toString();
        Instant now = now();
        store.insertDispatch(DispatchRecords.newDispatch(id, graph, argsJson, classpath, now), owner, now.plus(leaseTtl));
        ClassLoader loader = lattice.electronClasses().stream().findFirst().map(Class::getClassLoader)
                .orElse(Thread.currentThread().getContextClassLoader());
        DispatchRun run = new DispatchRun(this, id, graph, argsJson, new TaskContext(id, graph.name(), classpath), loader, executors);
        runs.put(id, run);
        callbacks.execute(run.guarded(run::start));
        LOG.info("dispatch {}: {} with {} nodes started", id, graph.name(), graph.nodes().size());
        return id;
    }

    /** The result of a dispatch; with {@code wait}, waits (up to a week) for it to end. */
    public <T> Result<T> getResult(String id, boolean wait) {
        return wait ? getResult(id, DEFAULT_WAIT) : result(summary(id));
    }

    /** Waits up to {@code timeout} for a dispatch to end, taking it over if its driver is gone; returns its result. */
    public <T> Result<T> getResult(String id, Duration timeout) {
        Instant deadline = now().plus(timeout);
        while (true) {
            DispatchSummary summary = summary(id);
            if (summary.status().isTerminal()) {
                return result(summary);
            }
            if (!now().isBefore(deadline)) {
                throw new DispatchException("waited " + timeout + " for dispatch " + id + " (" + summary.name()
                        + "); it is still " + summary.status() + " [" + summary.counts().progress() + "]");
            }
            DispatchRun run = runs.get(id);
            if (run == null) {
                run = takeOver(id).orElse(null);
            }
            long waitMs = Math.min(Duration.between(now(), deadline).toMillis(), run == null ? 200 : 1000);
            try {
                if (run != null) {
                    run.done().get(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
                } else {
                    Thread.sleep(Math.max(1, waitMs));
                }
            } catch (TimeoutException e) {
                LOG.debug("dispatch {} still running", id);
            } catch (ExecutionException e) {
                throw new DispatchException("driving dispatch " + id + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DispatchException("interrupted while waiting for dispatch " + id, e);
            }
        }
    }

    /** Cancels a dispatch from any process; false when it had already ended. */
    public boolean cancel(String id) {
        summary(id);
        if (!store.requestCancel(id)) {
            return false;
        }
        DispatchRun run = runs.get(id);
        if (run == null) {
            run = takeOver(id).orElse(null);
        }
        if (run != null) {
            run.cancel();
        }
        return true;
    }

    /**
     * Drives {@code id} from this process if its lease expired (or is ours): re-attaches to running tasks and
     * starts only what never started. False when another live process drives it or it has ended.
     */
    public boolean resume(String id) {
        return runs.containsKey(id) || takeOver(id).isPresent();
    }

    private synchronized Optional<DispatchRun> takeOver(String id) {
        DispatchRun existing = runs.get(id);
        if (existing != null) {
            return Optional.of(existing);
        }
        DispatchSummary summary = summary(id);
        if (summary.status().isTerminal() || !store.tryAcquireLease(id, owner, now(), now().plus(leaseTtl))) {
            return Optional.empty();
        }
        StoredDispatch stored = store.reader().stored(id).orElseThrow();
        Graph graph = Graph.fromJson(stored.graphJson());
        Map<String, Executor> executors = new HashMap<>();
        graph.nodes().forEach(node -> executors.computeIfAbsent(node.executor(), registry::get));
        List<Path> classpath = stored.classpath().stream().map(Path::of).toList();
        DispatchRun run = new DispatchRun(this, id, graph, DispatchRecords.args(stored.argsJson()),
                new TaskContext(id, graph.name(), classpath), loaderFor(classpath), executors);
        runs.put(id, run);
        LOG.info("dispatch {}: took over from a driver whose lease expired", id);
        List<NodeRecord> nodes = store.reader().nodes(id);
        callbacks.execute(run.guarded(() -> run.resume(nodes, summary.cancelRequested())));
        return Optional.of(run);
    }

    private DispatchSummary summary(String id) {
        return store.reader().dispatch(id).orElseThrow(() -> new DispatchException("no dispatch " + id + " in results store " + store.file()));
    }

    private <T> Result<T> result(DispatchSummary summary) {
        DispatchDetail detail = store.reader().detail(summary.id()).orElseThrow();
        NodeRecord failed = summary.errorNode() == null ? null : store.reader().node(summary.id(), summary.errorNode()).orElse(null);
        return new Result<>(summary, detail.output(), detail.outputType(), failed);
    }

    private Graph withExecutors(Graph graph) {
        List<NodeSpec> nodes = new ArrayList<>();
        graph.nodes().forEach(n -> nodes.add(n.executor() == null ? n.withExecutor(defaultExecutor) : n));
        return new Graph(graph.name(), graph.paramCount(), nodes, graph.output(), graph.outputType());
    }

    private static ClassLoader loaderFor(List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                LOG.warn("classpath entry {} is not a valid URL; skipped", entry);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), Dispatcher.class.getClassLoader());
    }

    /** At JVM exit: says which dispatches are left to a later takeover, and how to take them over. */
    private void warnUnfinished() {
        for (String id : runs.keySet()) {
            LOG.warn("dispatch {} is unfinished and this process is exiting; started tasks keep running. "
                    + "Finish it with `ecs-lattice resume {}` (or Lattices.getResult(id, true)) once its {} s lease expires", id, id,
                    leaseTtl.toSeconds());
        }
    }

    ExecutorLane lane(Executor executor) {
        return lanes.computeIfAbsent(executor.name(), n -> new ExecutorLane(executor, callbacks));
    }

    /** Runs retry backoffs and timeouts; what they do goes through the run's lock. */
    ScheduledExecutorService timers() {
        return timers;
    }

    ExecutorService callbacks() {
        return callbacks;
    }

    Instant now() {
        return clock.instant();
    }

    void finished(DispatchRun run) {
        runs.remove(run.id(), run);
    }

    static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "localhost" : host;
    }

    /** Stops the lease ticker and callback threads and closes the store and executors. */
    @Override
    public void close() {
        leaseKeeper.close();
        callbacks.shutdownNow();
        timers.shutdownNow();
        registry.close();
        store.close();
    }
}
