package io.ecslattice.dispatch;

import io.ecslattice.config.ConfigException;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.store.StoredDispatch;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.wire.FileRef;
import io.ecslattice.wire.Wire;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.store.Lease;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
 * The engine: starts dispatches and drives them to the end. Records each dispatch in the
 * {@link ResultsStore}, holds and renews its lease while driving it, takes over dispatches whose driver
 * is gone, and carries out cancels recorded by any process. Build one with {@link #builder()} and pass
 * it around, or use the process-wide {@link #shared()} one configured from the environment and the
 * config file. Users reach it through the typed API of {@code io.ecslattice.workflow}.
 */
public final class Dispatcher implements Dispatches, AutoCloseable {

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
    private final DispatchClient client;
    private final Map<String, DispatchRun> runs = new ConcurrentHashMap<>();
    private final Map<String, ExecutorLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Dispatcher(ResultsStore store, ExecutorRegistry registry, Duration leaseTtl, String defaultExecutor, Clock clock) {
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
        this.client = DispatchClient.of(store, registry, clock);
    }

    /** A builder of a dispatcher: unset parts come from the environment and the config file. */
    public static DispatcherBuilder builder() {
        return new DispatcherBuilder();
    }

    static Dispatcher create(ResultsStore store, ExecutorRegistry registry, Duration leaseTtl, String defaultExecutor, Clock clock) {
        return new Dispatcher(store, registry, leaseTtl, defaultExecutor, clock);
    }

    /** The process-wide dispatcher, configured from the environment and the config file on first use. */
    public static Dispatcher shared() {
        Dispatcher current = shared;
        if (current == null) {
            synchronized (Dispatcher.class) {
                if (shared == null) {
                    shared = builder().build();
                    Runtime.getRuntime().addShutdownHook(new Thread(shared::warnUnfinished, "ecs-lattice-exit"));
                }
                current = shared;
            }
        }
        return current;
    }

    /** The results store this dispatcher records to. */
    public ResultsStore store() {
        return store;
    }

    /** The executors this dispatcher resolves names with. */
    public ExecutorRegistry registry() {
        return registry;
    }

    /** Records {@code request}, starts it in the background and returns its id at once. */
    public String dispatch(DispatchRequest request) {
        Map<String, Executor> executors = new HashMap<>(request.executors());
        // Instances given to electrons are also what a takeover in this process finds by name.
        request.executors().values().forEach(registry::register);
        List<Path> classpath = Classpaths.of(request.electronClasses());
        ClassLoader loader = request.electronClasses().stream().findFirst().map(Class::getClassLoader)
                .orElse(Thread.currentThread().getContextClassLoader());
        return start(request.graph(), request.args(), classpath, loader, executors, null);
    }

    /**
     * Runs dispatch {@code previousId} again as a new dispatch and returns the new id. Every node whose
     * code (see {@link CodeHash}, computed from the class files as they are now) and inputs are those of a
     * node of the previous dispatch that has a value is not run: that value is reused and the node shows
     * as CACHED. {@code args} replaces the lattice's arguments (null keeps them); {@code replacements}
     * runs another static method, of the same parameter types, in place of every electron of that name.
     */
    public String redispatch(String previousId, ArrayNode args, Map<String, Method> replacements) {
        summary(previousId);
        StoredDispatch stored = store.reader().stored(previousId).orElseThrow();
        Graph graph = Graph.fromJson(stored.graphJson());
        ArrayNode argsJson = args == null ? DispatchRecords.args(stored.argsJson()) : checkedArgs(graph, args);
        List<Class<?>> replacementClasses = new ArrayList<>();
        if (replacements != null && !replacements.isEmpty()) {
            graph = replaced(graph, replacements);
            replacements.values().forEach(m -> replacementClasses.add(m.getDeclaringClass()));
        }
        Set<Path> classpath = new LinkedHashSet<>();
        stored.classpath().forEach(entry -> classpath.add(Path.of(entry)));
        classpath.addAll(Classpaths.of(replacementClasses));
        ClassLoader loader = replacementClasses.isEmpty() ? loaderFor(List.copyOf(classpath))
                : replacementClasses.get(0).getClassLoader();
        return start(graph, argsJson, List.copyOf(classpath), loader, new HashMap<>(), previousId);
    }

    private static ArrayNode checkedArgs(Graph graph, ArrayNode args) {
        if (args.size() != graph.paramCount()) {
            throw new DispatchException("redispatch: lattice " + graph.name() + " takes " + graph.paramCount()
                    + " argument(s) but got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            String what = "argument " + (i + 1) + " of lattice " + graph.name();
            try {
                FileRef.forEach(args.get(i), ref -> ref.checkExists(what));
            } catch (IllegalArgumentException e) {
                throw new DispatchException(e.getMessage(), e);
            }
        }
        return args;
    }

    private String start(Graph built, ArrayNode argsJson, List<Path> classpath, ClassLoader loader, Map<String, Executor> executors,
                         String previous) {
        Graph graph = withCodeHashes(withExecutors(built), new CodeHash(loader));
        for (NodeSpec node : graph.nodes()) {
            Executor executor = executors.computeIfAbsent(node.executor(), registry::get);
            // Checked like the executor's settings, before anything is recorded.
            executor.resourcesProblem(ResourceRequests.of(node.resources())).ifPresent(problem -> {
                throw new ConfigException("node " + node.label() + " of lattice " + graph.name() + " on executor "
                        + executor.name() + ": " + problem);
            });
        }
        String id = UUID.randomUUID().toString();
        Instant now = now();
        store.insertDispatch(DispatchRecords.newDispatch(id, graph, argsJson, classpath, now, previous), owner, now.plus(leaseTtl));
        DispatchRun run = new DispatchRun(this, id, graph, argsJson, new TaskContext(id, graph.name(), classpath), loader, executors,
                previous);
        runs.put(id, run);
        callbacks.execute(run.guarded(run::start));
        LOG.info("dispatch {}: {} with {} nodes started{}", id, graph.name(), graph.nodes().size(),
                previous == null ? "" : ", reusing results of " + previous);
        return id;
    }

    private static Graph replaced(Graph graph, Map<String, Method> replacements) {
        Set<String> names = new TreeSet<>();
        graph.nodes().forEach(n -> names.add(n.name()));
        for (String name : replacements.keySet()) {
            if (!names.contains(name)) {
                throw new DispatchException("redispatch: lattice " + graph.name() + " has no electron named " + name
                        + "; its electrons are " + String.join(", ", names));
            }
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec node : graph.nodes()) {
            Method method = replacements.get(node.name());
            if (method == null) {
                nodes.add(node);
                continue;
            }
            List<String> types = Arrays.stream(method.getParameterTypes()).map(Class::getName).toList();
            if (!types.equals(node.parameterTypes())) {
                throw new DispatchException("redispatch: the replacement of electron " + node.name() + " takes " + types
                        + " but " + node.name() + " takes " + node.parameterTypes() + "; replace it with a static method of the same parameter types");
            }
            String returnType = Wire.mapper().getTypeFactory().constructType(method.getGenericReturnType()).toCanonical();
            nodes.add(new NodeSpec(node.id(), method.getName(), method.getDeclaringClass().getName(), method.getName(), types,
                    returnType, node.executor(), node.args(), node.after(), node.retry(), node.timeoutMillis(), node.resources(),
                    null, node.cacheSeconds(), node.group(), node.mapArg()));
        }
        return new Graph(graph.name(), graph.paramCount(), nodes, graph.output(), graph.outputType());
    }

    private static Graph withCodeHashes(Graph graph, CodeHash hashes) {
        List<NodeSpec> nodes = new ArrayList<>();
        graph.nodes().forEach(n -> nodes.add(n.withCodeHash(hashes.of(n))));
        return new Graph(graph.name(), graph.paramCount(), nodes, graph.output(), graph.outputType());
    }

    /** The dispatch's current state, read from the store; throws {@link DispatchException} when there is none. */
    @Override
    public DispatchState state(String id) {
        return DispatchState.read(store.reader(), id, store.file().toString());
    }

    /** Waits (up to a week) for a dispatch to end, taking it over if its driver is gone. */
    public DispatchState await(String id) {
        return await(id, DEFAULT_WAIT);
    }

    /**
     * Completes when the dispatch ends, with its final state; driven by this process (taking it over when
     * its driver is gone), waited for on a callback thread otherwise.
     */
    public CompletableFuture<DispatchState> completion(String id) {
        DispatchRun run = runs.get(id);
        if (run != null) {
            return run.done().handle((status, error) -> null).thenApplyAsync(ignored -> await(id), callbacks);
        }
        return CompletableFuture.supplyAsync(() -> await(id), callbacks);
    }

    /** Waits up to {@code timeout} for a dispatch to end, taking it over if its driver is gone; returns its final state. */
    @Override
    public DispatchState await(String id, Duration timeout) {
        Instant deadline = now().plus(timeout);
        while (true) {
            if (closed) {
                throw new DispatchException("this dispatcher was closed while waiting for dispatch " + id + "; its started tasks keep "
                        + "running and `ecs-lattice resume " + id + "` (or waiting for it in another process) continues it");
            }
            DispatchSummary summary = summary(id);
            if (summary.status().isTerminal()) {
                return DispatchState.of(store.reader(), summary);
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

    /**
     * Cancels a dispatch of any process: this process carries it out when it drives the dispatch; another
     * live driver does when it sees the request; when none drives it, its running tasks are stopped by their
     * stored handles and it is recorded as cancelled, without being taken over. False when it had already ended.
     */
    public boolean cancel(String id) {
        return requestCancel(id).accepted();
    }

    /** As {@link #cancel}, saying what the request came to. */
    @Override
    public CancelOutcome requestCancel(String id) {
        DispatchRun run = runs.get(id);
        if (run != null && store.requestCancel(id)) {
            run.cancel();
            return new CancelOutcome(CancelOutcome.Kind.REQUESTED, List.of(), List.of());
        }
        return client.cancel(id);
    }

    @Override
    public List<DispatchInfo> list(int limit, int offset) {
        return client.list(limit, offset);
    }

    @Override
    public Optional<DispatchInfo> info(String id) {
        return client.info(id);
    }

    @Override
    public Optional<DispatchGraph> graph(String id) {
        return client.graph(id);
    }

    @Override
    public Optional<NodeDetail> node(String id, String nodeId) {
        return client.node(id, nodeId);
    }

    @Override
    public Optional<Driver> driver(String id) {
        return client.driver(id);
    }

    @Override
    public Optional<List<String>> liveLogs(String id, String nodeId, int maxLines) {
        return client.liveLogs(id, nodeId, maxLines);
    }

    @Override
    public String location() {
        return client.location();
    }

    /** A client over this dispatcher's store and executors: reads and cancels, never drives. */
    public DispatchClient client() {
        return client;
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
        if (closed || summary.status().isTerminal()
                || !store.tryAcquireLease(id, owner, now(), now().plus(leaseTtl)) && !takeFromDeadDriver(id)) {
            return Optional.empty();
        }
        StoredDispatch stored = store.reader().stored(id).orElseThrow();
        Graph graph = Graph.fromJson(stored.graphJson());
        Map<String, Executor> executors = new HashMap<>();
        graph.nodes().forEach(node -> executors.computeIfAbsent(node.executor(), registry::get));
        List<Path> classpath = stored.classpath().stream().map(Path::of).toList();
        URLClassLoader loader = loaderFor(classpath);
        DispatchRun run = new DispatchRun(this, id, graph, DispatchRecords.args(stored.argsJson()),
                new TaskContext(id, graph.name(), classpath), loader, executors, stored.redispatchOf());
        run.done().whenComplete((status, error) -> close(loader));
        runs.put(id, run);
        LOG.info("dispatch {}: took over from a driver whose lease expired", id);
        List<NodeRecord> nodes = store.reader().nodes(id);
        callbacks.execute(run.guarded(() -> run.resume(nodes, summary.cancelRequested())));
        return Optional.of(run);
    }

    /**
     * Takes the lease at once, before it expires, when it names a process on this host that no longer lives:
     * a crashed driver renews nothing, so waiting for its lease only delays the dispatch.
     */
    private boolean takeFromDeadDriver(String id) {
        Optional<Lease> lease = store.reader().lease(id);
        if (lease.isEmpty() || !deadOnThisHost(lease.get().owner())) {
            return false;
        }
        boolean taken = store.replaceLease(id, lease.get().owner(), owner, now().plus(leaseTtl));
        if (taken) {
            LOG.info("dispatch {}: its driver {} is no longer alive on this host; taking over without waiting for its lease to expire ({})",
                    id, lease.get().owner(), lease.get().expiresAt());
        }
        return taken;
    }

    /** True when {@code leaseOwner} ({@code pid@host/nonce}) names this host and a pid that is not alive. */
    static boolean deadOnThisHost(String leaseOwner) {
        int at = leaseOwner.indexOf('@');
        int slash = leaseOwner.indexOf('/', at + 1);
        if (at <= 0 || slash < 0 || !leaseOwner.substring(at + 1, slash).equals(hostName())) {
            return false;
        }
        try {
            long pid = Long.parseLong(leaseOwner.substring(0, at));
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private DispatchSummary summary(String id) {
        return store.reader().dispatch(id).orElseThrow(() -> new DispatchException("no dispatch " + id + " in results store " + store.file()));
    }

    private Graph withExecutors(Graph graph) {
        List<NodeSpec> nodes = new ArrayList<>();
        graph.nodes().forEach(n -> nodes.add(n.executor() == null ? n.withExecutor(defaultExecutor) : n));
        return new Graph(graph.name(), graph.paramCount(), nodes, graph.output(), graph.outputType());
    }

    private static URLClassLoader loaderFor(List<Path> classpath) {
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

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("could not close the class loader of a taken-over dispatch ({}): {}", List.of(loader.getURLs()), e.toString());
        }
    }

    /** At JVM exit: says which dispatches are left to a later takeover, and how to take them over. */
    private void warnUnfinished() {
        for (String id : runs.keySet()) {
            LOG.warn("dispatch {} is unfinished and this process is exiting; started tasks keep running. "
                    + "Finish it with `ecs-lattice resume {}` (or Dispatch.attach(id, type).result()) once its {} s lease expires", id, id,
                    leaseTtl.toSeconds());
        }
    }

    ExecutorLane lane(Executor executor) {
        return lanes.computeIfAbsent(executor.name(), n -> new ExecutorLane(executor, callbacks));
    }

    /** Extends this process's lease on {@code id}; false when another process holds it now. */
    boolean renewLease(String id) {
        return store.renewLease(id, owner, now().plus(leaseTtl));
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

    /**
     * Stops driving: dispatches still running here are left as they are (started tasks keep running) and their
     * leases are given up, so another process can take them over at once; then the lease ticker, the callback
     * threads, the executors and the store are closed. Threads waiting in {@link #await} get a
     * {@link DispatchException} saying how to continue.
     */
    @Override
    public void close() {
        closed = true;
        leaseKeeper.close();
        for (DispatchRun run : List.copyOf(runs.values())) {
            run.abandon();
            runs.remove(run.id(), run);
            store.releaseLease(run.id(), owner);
            LOG.warn("dispatch {}: its dispatcher closed while driving it; started tasks keep running. `ecs-lattice resume {}` "
                    + "continues it", run.id(), run.id());
        }
        // No run changes state any more: no retry or timeout is due; let callbacks under way finish before the store closes.
        timers.shutdownNow();
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("dispatcher callbacks still busy after 10 s; interrupting them");
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            callbacks.shutdownNow();
            Thread.currentThread().interrupt();
        }
        registry.close();
        store.close();
    }
}
