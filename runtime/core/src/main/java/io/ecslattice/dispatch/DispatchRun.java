package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.store.CachedResult;
import io.ecslattice.store.Edge;
import io.ecslattice.store.NewDispatch;
import java.time.Duration;
import java.util.Optional;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.graph.TaskFailure;
import io.ecslattice.wire.TaskError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one dispatch in this process: makes nodes ready as their inputs complete, hands them to their
 * executors' lanes, stores each handle as soon as the executor returns it and each result before the node
 * counts as done, and applies failure and cancel semantics. All state changes happen under this object's
 * lock; executor calls complete on the dispatcher's callback threads.
 */
final class DispatchRun {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchRun.class);
    /** Attempts of a node whose tasks keep failing for infrastructure reasons (Spot reclaimed, start timeouts). */
    static final int INFRASTRUCTURE_ATTEMPTS = 3;

    private final Dispatcher dispatcher;
    private final ResultsStore store;
    private final String id;
    private final Graph graph;
    private final ArrayNode args;
    private final TaskContext context;
    private final ClassLoader loader;
    private final Map<String, Executor> executors;
    private final String previous;
    /** Graph nodes, then map items as they are created: the order nodes are made ready on a resume. */
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    /** Map item id → its map node. */
    private final Map<String, String> mapOf = new HashMap<>();
    /** Map node id → its items, in order. */
    private final Map<String, List<String>> itemsOf = new HashMap<>();
    /** Map node id → how many of its items have no value yet. */
    private final Map<String, Integer> itemsLeft = new HashMap<>();
    private final Map<String, Status> status = new HashMap<>();
    private int terminal;
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, JsonNode> outputs = new HashMap<>();
    private final Map<String, TaskHandle> handles = new HashMap<>();
    private final Map<String, List<String>> infrastructureRetries = new HashMap<>();
    private final Map<String, Integer> waitingOn = new HashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Set<String> submitting = new HashSet<>();
    private final Map<String, CompletableFuture<Void>> prepared = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();
    private final Set<String> timedOut = new HashSet<>();
    private final CompletableFuture<Status> done = new CompletableFuture<>();
    private boolean cancelling;
    private boolean abandoned;
    private boolean running;
    private String failedNode;

    DispatchRun(Dispatcher dispatcher, String id, Graph graph, ArrayNode args, TaskContext context, ClassLoader loader,
                Map<String, Executor> executors, String previous) {
        this.dispatcher = dispatcher;
        this.previous = previous;
        this.store = dispatcher.store();
        this.id = id;
        this.graph = graph;
        this.args = args;
        this.context = context;
        this.loader = loader;
        this.executors = executors;
        for (NodeSpec node : graph.nodes()) {
            nodes.put(node.id(), node);
            setStatus(node.id(), Status.NEW);
            Set<String> deps = Graph.dependencies(node);
            waitingOn.put(node.id(), deps.size());
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(node.id()));
        }
    }

    String id() {
        return id;
    }

    /** Completes with the dispatch's final status, or null when this process lost the lease. */
    CompletableFuture<Status> done() {
        return done;
    }

    /** Starts a fresh dispatch: every node without inputs from other nodes becomes ready. */
    synchronized void start() {
        store.markDispatch(id, Status.PENDING, dispatcher.now());
        // Collected first: a reused (CACHED) node makes its dependents ready at once, while this loops.
        List<String> roots = graph.nodes().stream().map(NodeSpec::id).filter(n -> waitingOn.get(n) == 0).toList();
        for (String root : roots) {
            if (status.get(root) == Status.NEW && !cancelling && failedNode == null) {
                ready(root);
            }
        }
        finishIfDone();
    }

    /**
     * Continues a dispatch another process started: completed nodes keep their outputs, running nodes are
     * re-attached through their stored handles, and only nodes that never started are started.
     */
    synchronized void resume(List<NodeRecord> stored, boolean cancelRequested) {
        // A running map node's items exist in the store; recreate them (ids follow from the stored list).
        for (NodeRecord node : stored) {
            NodeSpec spec = nodes.get(node.id());
            if (spec != null && spec.isMap() && node.status() == Status.RUNNING && node.inputs() != null) {
                addItems(spec, node.inputs().get(spec.mapArg()).size());
            }
        }
        for (NodeRecord node : stored) {
            if (!nodes.containsKey(node.id())) {
                continue;
            }
            setStatus(node.id(), node.status());
            attempts.put(node.id(), node.attempt());
            if (node.status().hasValue()) {
                outputs.put(node.id(), node.output());
            } else if (node.status() == Status.FAILED && failedNode == null) {
                failedNode = node.id();
            }
        }
        for (NodeRecord node : stored) {
            if (nodes.containsKey(node.id()) && node.status().hasValue()) {
                dependents.getOrDefault(node.id(), List.of()).forEach(d -> waitingOn.merge(d, -1, Integer::sum));
                String map = mapOf.get(node.id());
                if (map != null) {
                    itemsLeft.merge(map, -1, Integer::sum);
                }
            }
        }
        cancelling = cancelRequested;
        for (NodeRecord node : stored) {
            if (node.status() == Status.RUNNING && node.handle() != null) {
                TaskHandle handle = Handles.task(node.handle());
                handles.put(node.id(), handle);
                running = true;
                LOG.info("dispatch {}: re-attaching to node {} ({}) through {} handle {}", id, node.id(), node.name(),
                        handle.executor(), handle.ref());
                attach(node.id(), handle, dispatcher.lane(executorOf(node.id())).occupy());
                watchTimeout(node.id(), handle, node.startedAt() == null ? dispatcher.now() : node.startedAt());
            }
        }
        if (cancelling || failedNode != null) {
            cancelNotStarted(cancelling ? "dispatch cancelled" : "not run because node " + node(failedNode).label() + " failed");
        } else {
            for (String map : List.copyOf(itemsOf.keySet())) {
                if (status.get(map) == Status.RUNNING && itemsLeft.get(map) == 0) {
                    mapCompleted(map);
                }
            }
            List<String> startable = nodes.keySet().stream().filter(n -> neverStarted(n) && waitingOn.get(n) == 0).toList();
            for (String nodeId : startable) {
                if (neverStarted(nodeId) && failedNode == null) {
                    ready(nodeId);
                }
            }
        }
        if (cancelling) {
            handles.forEach((nodeId, handle) -> executors.get(node(nodeId).executor()).cancel(handle));
        }
        finishIfDone();
    }

    private boolean neverStarted(String nodeId) {
        Status current = status.get(nodeId);
        return current == Status.NEW || current == Status.PENDING;
    }

    /** Cancels: nodes not started never start, running tasks are asked to stop. */
    synchronized void cancel() {
        if (cancelling || abandoned || done.isDone()) {
            return;
        }
        cancelling = true;
        LOG.info("dispatch {}: cancelling", id);
        cancelNotStarted("dispatch cancelled");
        for (Map.Entry<String, TaskHandle> entry : handles.entrySet()) {
            if (status.get(entry.getKey()) == Status.RUNNING) {
                executorOf(entry.getKey()).cancel(entry.getValue());
            }
        }
        finishIfDone();
    }

    /** This process lost the lease: stop driving without writing anything more. */
    synchronized void abandon() {
        abandoned = true;
        done.complete(null);
    }

    private void ready(String nodeId) {
        NodeSpec node = node(nodeId);
        ArrayNode inputs = Wire.mapper().createArrayNode();
        node.args().forEach(arg -> inputs.add(resolve(arg)));
        if (node.isMap()) {
            expand(node, inputs);
            return;
        }
        String cacheKey = node.codeHash() == null ? null : CodeHash.cacheKey(node, inputs.toString());
        if (cacheKey != null && (previous != null || node.cacheSeconds() != null)) {
            Instant notBefore = node.cacheSeconds() == null ? null : dispatcher.now().minus(Duration.ofSeconds(node.cacheSeconds()));
            Optional<CachedResult> cached = store.reader().reusable(cacheKey, previous, notBefore);
            if (cached.isPresent()) {
                store.markNodeCached(id, nodeId, inputs, cacheKey, cached.get().output(), cached.get().dispatchId(), dispatcher.now());
                setStatus(nodeId, Status.CACHED);
                valueReady(nodeId, cached.get().output());
                return;
            }
        }
        int attempt = Math.max(1, attempts.getOrDefault(nodeId, 0));
        attempts.put(nodeId, attempt);
        setStatus(nodeId, Status.PENDING);
        store.markNodePending(id, nodeId, attempt, inputs, cacheKey, dispatcher.now());
        List<JsonNode> arguments = new ArrayList<>();
        inputs.forEach(arguments::add);
        TaskSpec spec = new TaskSpec(Wire.VERSION, id, nodeId, attempt, node.className(), node.methodName(),
                node.parameterTypes(), arguments, "");
        dispatcher.lane(executorOf(nodeId)).enqueue(release -> guarded(() -> launch(spec, release)).run());
    }

    /** A failed attempt that its retry policy tries again: recorded, then made ready after the backoff. */
    private void retry(String nodeId, TaskResult result, Map<String, String> details, String cause) {
        NodeSpec node = node(nodeId);
        int attempt = attempts.get(nodeId);
        Duration delay = node.retry().backoff().delay(attempt, ThreadLocalRandom.current()::nextDouble);
        String next = "retried after " + delay.toMillis() + " ms";
        store.retryNode(id, nodeId, result, details, cause, attempt + 1, next, dispatcher.now());
        attempts.put(nodeId, attempt + 1);
        handles.remove(nodeId);
        setStatus(nodeId, Status.PENDING);
        LOG.info("dispatch {}: node {} attempt {} of {} failed ({}: {}); {}", id, node.label(), attempt, node.retry().retries() + 1,
                result.error().type(), result.error().message(), next);
        dispatcher.timers().schedule(() -> guarded(() -> retryDue(nodeId)).run(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retryDue(String nodeId) {
        if (!abandoned && !cancelling && failedNode == null && status.get(nodeId) == Status.PENDING && !submitting.contains(nodeId)) {
            ready(nodeId);
        }
        finishIfDone();
    }

    /** Stops the node's task once it has run {@code timeoutMillis} since {@code startedAt}. */
    private void watchTimeout(String nodeId, TaskHandle handle, Instant startedAt) {
        Long limitMs = node(nodeId).timeoutMillis();
        if (limitMs == null) {
            return;
        }
        int attempt = attempts.getOrDefault(nodeId, 1);
        long remaining = Math.max(0, limitMs - Duration.between(startedAt, dispatcher.now()).toMillis());
        timers.put(nodeId, dispatcher.timers().schedule(() -> guarded(() -> timeoutDue(nodeId, attempt, handle)).run(),
                remaining, TimeUnit.MILLISECONDS));
    }

    private synchronized void timeoutDue(String nodeId, int attempt, TaskHandle handle) {
        if (abandoned || status.get(nodeId) != Status.RUNNING || attempts.get(nodeId) != attempt) {
            return;
        }
        Duration limit = Duration.ofMillis(node(nodeId).timeoutMillis());
        timedOut.add(nodeId);
        LOG.info("dispatch {}: node {} attempt {} ran longer than its timeout of {}; stopping it", id, node(nodeId).label(), attempt, limit);
        withLoader(() -> executorOf(nodeId).stopForTimeout(handle, limit)).whenComplete((v, error) -> {
            if (error != null) {
                LOG.warn("dispatch {}: stopping node {} after its timeout failed: {}", id, node(nodeId).label(), Failures.message(error));
            }
        });
    }

    /** The result of an attempt stopped by its timeout: a Timeout error naming the limit, with what it printed. */
    private TaskResult timeoutResult(String nodeId, TaskResult stopped) {
        Duration limit = Duration.ofMillis(node(nodeId).timeoutMillis());
        String message = "node " + node(nodeId).label() + " ran longer than its timeout of " + describe(limit)
                + " and was stopped; raise .timeout(...) on the electron if it needs longer";
        return new TaskResult(stopped.wireVersion(), stopped.dispatchId(), stopped.nodeId(), null,
                new TaskError(TaskFailure.TIMEOUT, message, ""), stopped.stdout(), stopped.stderr(), stopped.startedAt(), stopped.endedAt());
    }

    private static String describe(Duration limit) {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private void launch(TaskSpec spec, Runnable release) {
        String nodeId = spec.nodeId();
        Executor executor = executorOf(nodeId);
        synchronized (this) {
            if (abandoned || status.get(nodeId) != Status.PENDING || !leaseHeld()) {
                release.run();
                return;
            }
            submitting.add(nodeId);
        }
        CompletableFuture<Void> ready;
        synchronized (this) {
            ready = prepared.computeIfAbsent(executor.name(), name -> withLoader(() -> executor.prepare(context)));
        }
        ready.thenCompose(v -> withLoader(() -> executor.submit(spec, context, ResourceRequests.of(node(nodeId).resources()))))
                .whenCompleteAsync((handle, error) -> guarded(() -> submitted(nodeId, handle, error, release)).run(),
                        dispatcher.callbacks());
    }

    private synchronized void submitted(String nodeId, TaskHandle handle, Throwable error, Runnable release) {
        submitting.remove(nodeId);
        if (abandoned) {
            release.run();
            return;
        }
        if (error != null) {
            release.run();
            nodeEnded(nodeId, Failures.result(id, nodeId, dispatcher.now(), "SubmitFailed", "executor " + executorOf(nodeId).name()
                    + " could not start the task: " + Failures.describe(error), error), Map.of());
            return;
        }
        handles.put(nodeId, handle);
        setStatus(nodeId, Status.RUNNING);
        store.markNodeRunning(id, nodeId, Handles.stored(handle), dispatcher.now());
        if (!running) {
            running = true;
            store.markDispatch(id, Status.RUNNING, dispatcher.now());
        }
        if (cancelling) {
            executorOf(nodeId).cancel(handle);
        }
        attach(nodeId, handle, release);
        watchTimeout(nodeId, handle, dispatcher.now());
    }

    private void attach(String nodeId, TaskHandle handle, Runnable release) {
        withLoader(() -> executorOf(nodeId).await(handle)).whenCompleteAsync((outcome, error) -> guarded(() -> {
            release.run();
            synchronized (this) {
                if (abandoned || !leaseHeld()) {
                    return;
                }
                if (error != null) {
                    nodeEnded(nodeId, Failures.result(id, nodeId, dispatcher.now(), "AwaitFailed",
                            "lost track of the task: " + Failures.describe(error), error), Map.of());
                } else if (!retriedAfterInfrastructureFailure(nodeId, outcome)) {
                    nodeEnded(nodeId, outcome.result(), outcome.details());
                }
            }
        }).run(), dispatcher.callbacks());
    }

    /**
     * Starts the node again at once, with the next attempt number (so a new task, not the same idempotent start),
     * when its task was lost to the infrastructure (Spot reclaimed, a start that timed out) and fewer than
     * {@link #INFRASTRUCTURE_ATTEMPTS} attempts were lost so. Independent of the electron's own retry policy: the
     * electron never ran to an answer. The lost attempt is stored with cause {@code infrastructure}, logged, and
     * listed in the node's {@code infrastructureRetries} detail.
     */
    private boolean retriedAfterInfrastructureFailure(String nodeId, TaskOutcome outcome) {
        var failure = outcome.infrastructureFailure();
        List<String> earlier = infrastructureRetries.getOrDefault(nodeId, List.of());
        if (failure.isEmpty() || cancelling || failedNode != null || earlier.size() + 1 >= INFRASTRUCTURE_ATTEMPTS) {
            return false;
        }
        int attempt = attempts.getOrDefault(nodeId, 1);
        String note = "attempt " + attempt + " (" + outcome.details().getOrDefault("taskArn", handles.get(nodeId).ref())
                + "): " + failure.get();
        infrastructureRetries.computeIfAbsent(nodeId, k -> new ArrayList<>()).add(note);
        ScheduledFuture<?> timer = timers.remove(nodeId);
        if (timer != null) {
            timer.cancel(false);
        }
        String next = "infrastructure retry " + (earlier.size() + 1) + " of at most " + (INFRASTRUCTURE_ATTEMPTS - 1)
                + ": started again at once";
        store.retryNode(id, nodeId, outcome.result(), outcome.details(), AttemptRecord.INFRASTRUCTURE, attempt + 1, next,
                dispatcher.now());
        LOG.warn("dispatch {}: node {} infrastructure retry: {}; starting attempt {}", id, node(nodeId).label(), note, attempt + 1);
        handles.remove(nodeId);
        attempts.put(nodeId, attempt + 1);
        ready(nodeId);
        return true;
    }

    /**
     * True while this process holds the lease (renewing it); otherwise stops driving here. A driver that was
     * stopped (SIGSTOP, a long GC pause) past its lease learns here, before it starts or records a node, that a
     * successor took over.
     */
    private boolean leaseHeld() {
        if (dispatcher.renewLease(id)) {
            return true;
        }
        LOG.warn("dispatch {}: lease lost to another process; stopped driving it here", id);
        abandoned = true;
        dispatcher.finished(this);
        done.complete(null);
        return false;
    }

    /** {@code body}, stopping to drive this dispatch if it throws: what was stored is kept for a takeover. */
    Runnable guarded(Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                crash(e);
            }
        };
    }

    private void crash(Throwable error) {
        synchronized (this) {
            if (abandoned || done.isDone()) {
                return;
            }
            abandoned = true;
        }
        LOG.error("dispatch {}: stopped driving it after an unexpected error; what was stored is kept, and another "
                + "process takes it over once its lease expires", id, error);
        dispatcher.finished(this);
        done.completeExceptionally(new DispatchException("driving dispatch " + id + " failed: " + error
                + "; what was recorded is kept and `ecs-lattice resume " + id + "` continues it once its lease expires", error));
    }

    private void nodeEnded(String nodeId, TaskResult ended, Map<String, String> taskDetails) {
        Map<String, String> details = taskDetails;
        List<String> lost = infrastructureRetries.remove(nodeId);
        if (lost != null) {
            details = new java.util.LinkedHashMap<>(taskDetails);
            details.put("infrastructureRetries", String.join("; ", lost));
        }
        ScheduledFuture<?> timer = timers.remove(nodeId);
        if (timer != null) {
            timer.cancel(false);
        }
        TaskResult result = timedOut.remove(nodeId) && !ended.succeeded() ? timeoutResult(nodeId, ended) : ended;
        String cause = result.succeeded() ? null : RetryDecision.cause(result.error());
        if (!result.succeeded() && !cancelling && failedNode == null
                && RetryDecision.retries(node(nodeId).retry(), attempts.getOrDefault(nodeId, 1), result.error(), loader, node(nodeId).label())) {
            retry(nodeId, result, details, cause);
            return;
        }
        if (result.succeeded()) {
            store.finishNode(id, nodeId, Status.COMPLETED, result, details, dispatcher.now());
            setStatus(nodeId, Status.COMPLETED);
            valueReady(nodeId, result.value());
        } else if (cancelling) {
            store.finishNode(id, nodeId, Status.CANCELLED, result, details, dispatcher.now());
            setStatus(nodeId, Status.CANCELLED);
        } else {
            store.finishNode(id, nodeId, Status.FAILED, result, details, cause, dispatcher.now());
            setStatus(nodeId, Status.FAILED);
            String map = mapOf.get(nodeId);
            if (map != null && status.get(map) == Status.RUNNING) {
                store.finishNode(id, map, Status.FAILED, Failures.result(id, map, dispatcher.now(), "ItemFailed", "item "
                        + node(nodeId).label() + " failed: " + result.error().type() + ": " + result.error().message(), null),
                        Map.of(), dispatcher.now());
                setStatus(map, Status.FAILED);
            }
            if (failedNode == null) {
                failedNode = nodeId;
                LOG.info("dispatch {}: node {} failed: {}: {}", id, node(nodeId).label(), result.error().type(),
                        result.error().message());
                cancelNotStarted("not run because node " + node(nodeId).label() + " failed");
            }
        }
        finishIfDone();
    }

    /** {@code nodeId} has its value (run or reused): dependents whose inputs are now complete become ready. */
    private void valueReady(String nodeId, JsonNode value) {
        outputs.put(nodeId, value);
        for (String next : dependents.getOrDefault(nodeId, List.of())) {
            if (waitingOn.merge(next, -1, Integer::sum) == 0 && !cancelling && failedNode == null
                    && status.get(next) == Status.NEW) {
                ready(next);
            }
        }
        String map = mapOf.get(nodeId);
        if (map != null && itemsLeft.merge(map, -1, Integer::sum) == 0 && status.get(map) == Status.RUNNING) {
            mapCompleted(map);
        }
    }

    /**
     * A map node's list is known: stores one node per item (before any starts, so a takeover finds them),
     * then makes them ready. The map node runs until its items end; its value is theirs, in order.
     */
    private void expand(NodeSpec map, ArrayNode inputs) {
        JsonNode list = inputs.get(map.mapArg());
        if (list == null || !list.isArray()) {
            nodeEnded(map.id(), Failures.result(id, map.id(), dispatcher.now(), "NotAList", "node " + map.label()
                    + " maps over argument " + map.mapArg() + ", which must be a JSON array (a List) but is "
                    + (list == null ? "null" : list.getNodeType() + ": " + abbreviate(list.toString()))
                    + "; make the electron that produces it return a List", null), Map.of());
            return;
        }
        List<NodeSpec> items = addItems(map, list.size());
        List<NewDispatch.NewNode> rows = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        DispatchRecords.rows(items, map.id(), rows, edges);
        items.forEach(item -> edges.add(new Edge(item.id(), map.id(), map.mapArg())));
        store.addNodes(id, rows, edges);
        store.markMapRunning(id, map.id(), inputs, dispatcher.now());
        setStatus(map.id(), Status.RUNNING);
        if (items.isEmpty()) {
            mapCompleted(map.id());
        }
        items.forEach(item -> ready(item.id()));
    }

    /** Registers the {@code count} items of {@code map}; their inputs are ready (the map node's were). */
    private List<NodeSpec> addItems(NodeSpec map, int count) {
        List<NodeSpec> items = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NodeSpec item = map.item(i);
            items.add(item);
            ids.add(item.id());
            nodes.put(item.id(), item);
            setStatus(item.id(), Status.NEW);
            waitingOn.put(item.id(), 0);
            mapOf.put(item.id(), map.id());
        }
        itemsOf.put(map.id(), ids);
        itemsLeft.put(map.id(), count);
        return items;
    }

    private void mapCompleted(String map) {
        ArrayNode values = Wire.mapper().createArrayNode();
        itemsOf.get(map).forEach(item -> values.add(outputs.get(item)));
        Instant now = dispatcher.now();
        store.finishNode(id, map, Status.COMPLETED, new TaskResult(Wire.VERSION, id, map, values, null, "", "", now, now),
                Map.of(), now);
        setStatus(map, Status.COMPLETED);
        valueReady(map, values);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private void cancelNotStarted(String reason) {
        for (NodeSpec node : nodes.values()) {
            Status current = status.get(node.id());
            boolean runningMap = node.isMap() && current == Status.RUNNING;
            if ((current == Status.NEW || current == Status.PENDING || runningMap) && !submitting.contains(node.id())) {
                setStatus(node.id(), Status.CANCELLED);
                store.cancelNode(id, node.id(), reason, dispatcher.now());
            }
        }
    }

    private void finishIfDone() {
        if (done.isDone() || !submitting.isEmpty() || terminal < status.size()) {
            return;
        }
        // Before the end is stored: a process that exits as soon as it reads the result (ecs-lattice resume) would
        // otherwise leave what the executors kept for the dispatch (a pool's completion queue) behind.
        tellExecutorsItEnded();
        if (failedNode != null) {
            NodeSpec node = node(failedNode);
            store.finishDispatch(id, Status.FAILED, null, failedNode, "node " + node.label() + " failed", dispatcher.now());
            done.complete(Status.FAILED);
        } else if (cancelling) {
            store.finishDispatch(id, Status.CANCELLED, null, null, "cancelled", dispatcher.now());
            done.complete(Status.CANCELLED);
        } else {
            store.finishDispatch(id, Status.COMPLETED, resolve(graph.output()), null, null, dispatcher.now());
            done.complete(Status.COMPLETED);
        }
        dispatcher.finished(this);
    }

    /** Every node is terminal: the executors may release what they kept for this dispatch. */
    private void tellExecutorsItEnded() {
        Set<Executor> used = new LinkedHashSet<>();
        graph.nodes().forEach(node -> used.add(executorOf(node.id())));
        used.remove(null);
        for (Executor executor : used) {
            try {
                executor.dispatchEnded(id);
            } catch (RuntimeException e) {
                LOG.warn("dispatch {}: executor {} could not release what it kept for the dispatch: {}", id, executor.name(),
                        e.getMessage());
            }
        }
    }

    private JsonNode resolve(ArgExpr expr) {
        if (expr instanceof ArgExpr.Constant constant) {
            return constant.value();
        } else if (expr instanceof ArgExpr.Param param) {
            return args.get(param.index());
        } else if (expr instanceof ArgExpr.NodeOutput output) {
            return outputs.get(output.nodeId());
        } else if (expr instanceof ArgExpr.Element element) {
            return resolve(element.list()).get(element.index());
        }
        ArrayNode list = Wire.mapper().createArrayNode();
        ((ArgExpr.ListOf) expr).items().forEach(item -> list.add(resolve(item)));
        return list;
    }

    private NodeSpec node(String nodeId) {
        return nodes.get(nodeId);
    }

    /** Keeps a count of terminal nodes, so checking for the end stays O(1) in big graphs. */
    private void setStatus(String nodeId, Status next) {
        Status previous = status.put(nodeId, next);
        terminal += (next.isTerminal() ? 1 : 0) - (previous != null && previous.isTerminal() ? 1 : 0);
    }

    private Executor executorOf(String nodeId) {
        return executors.get(node(nodeId).executor());
    }

    private <T> CompletableFuture<T> withLoader(java.util.function.Supplier<CompletableFuture<T>> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
