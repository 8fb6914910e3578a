package io.ecslattice.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.CachedResult;
import io.ecslattice.store.Edge;
import io.ecslattice.store.NewDispatch;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one dispatch in this process: makes nodes ready as their inputs complete, hands them to their executors'
 * lanes, stores each handle as soon as the executor returns it and each result before the node counts as done, and
 * applies failure and cancel semantics. Each node's state is its {@link NodeRun}; a map node's run-time items are a
 * {@link FanOut}; timeouts and retry backoffs are armed by {@link NodeTimers}.
 *
 * <p>One lock, this object's monitor, guards every NodeRun and FanOut of the dispatch and the fields of this class,
 * and the store is written under it, so what a takeover reads follows the order of the transitions. Executor calls
 * that start or follow a task return futures at once; their completions, and the timers, run on the dispatcher's
 * threads and take the lock before they touch anything. Asking an executor to cancel or stop a task happens under it.
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
    private final NodeTimers timers;
    /** Graph nodes, then map items as they are made: the order nodes are made ready on a resume. */
    private final Map<String, NodeRun> nodes = new LinkedHashMap<>();
    /** Each executor's {@link Executor#prepare} for this dispatch, by executor name: asked once. */
    private final Map<String, CompletableFuture<Void>> prepared = new HashMap<>();
    private final CompletableFuture<Status> done = new CompletableFuture<>();
    /** Nodes in a terminal state, so checking for the end stays O(1) in big graphs. */
    private int terminal;
    private boolean cancelling;
    private boolean abandoned;
    private boolean running;
    private NodeRun failedNode;

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
        this.timers = new NodeTimers(dispatcher.timers(), dispatcher::now);
        for (NodeSpec node : graph.nodes()) {
            nodes.put(node.id(), new NodeRun(node, null, this::moved));
        }
        for (NodeRun node : nodes.values()) {
            Graph.dependencies(node.spec()).forEach(d -> nodes.get(d).feeds(node));
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
        List<NodeRun> roots = nodes.values().stream().filter(NodeRun::inputsReady).toList();
        for (NodeRun root : roots) {
            if (root.state() == NodeRun.State.NEW && !cancelling && failedNode == null) {
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
        restore(stored);
        cancelling = cancelRequested;
        for (NodeRecord record : stored) {
            NodeRun node = nodes.get(record.id());
            if (node != null && node.handle() != null) {
                TaskHandle handle = node.handle();
                running = true;
                LOG.info("dispatch {}: re-attaching to node {} ({}) through {} handle {}", id, record.id(), record.name(),
                        handle.executor(), handle.ref());
                attach(node, dispatcher.lane(executorOf(node)).occupy());
                watchTimeout(node, record.startedAt() == null ? dispatcher.now() : record.startedAt());
            }
        }
        if (cancelling || failedNode != null) {
            cancelNotStarted(cancelling ? "dispatch cancelled" : "not run because node " + failedNode.label() + " failed");
        } else {
            for (NodeRun map : List.copyOf(nodes.values())) {
                if (map.state() == NodeRun.State.MAPPING && map.fanOut() != null && map.fanOut().allHaveValues()) {
                    mapCompleted(map);
                }
            }
            List<NodeRun> startable = nodes.values().stream().filter(n -> n.notStarted() && n.inputsReady()).toList();
            for (NodeRun node : startable) {
                if (node.notStarted() && failedNode == null) {
                    ready(node);
                }
            }
        }
        if (cancelling) {
            cancelRunningTasks();
        }
        finishIfDone();
    }

    /** Takes the stored state of every node: map items made again, states, attempts, handles, values and waits. */
    private void restore(List<NodeRecord> stored) {
        // An expanded map node's items exist in the store; make them again (ids follow from the stored list). Those of
        // a map node that failed or was cancelled may still run, and are followed to their end like any task.
        for (NodeRecord record : stored) {
            NodeRun node = nodes.get(record.id());
            if (node != null && node.spec().isMap() && record.inputs() != null && expanded(record.status())) {
                addItems(node, record.inputs().get(node.spec().mapArg()).size());
            }
        }
        for (NodeRecord record : stored) {
            NodeRun node = nodes.get(record.id());
            if (node == null) {
                continue;
            }
            boolean reattach = record.status() == Status.RUNNING && record.handle() != null;
            node.restore(record.status(), record.attempt(), record.output(), reattach ? Handles.task(record.handle()) : null);
            // A map node fails because an item did: the item is what failed, as the previous driver would have said.
            if (record.status() == Status.FAILED && (failedNode == null || failedNode.spec().isMap() && !node.spec().isMap())) {
                failedNode = node;
            }
        }
        for (NodeRecord record : stored) {
            NodeRun node = nodes.get(record.id());
            if (node != null && record.status().hasValue()) {
                node.dependents().forEach(NodeRun::inputArrived);
                if (node.partOf() != null) {
                    node.partOf().itemHasValue();
                }
            }
        }
    }

    /**
     * True for the stored status of a map node that may have made its items: it runs, or failed or was cancelled
     * (after making them when it has stored inputs).
     */
    private static boolean expanded(Status status) {
        return status == Status.RUNNING || status == Status.FAILED || status == Status.CANCELLED;
    }

    /** Cancels: nodes not started never start, running tasks are asked to stop. */
    synchronized void cancel() {
        if (cancelling || abandoned || done.isDone()) {
            return;
        }
        cancelling = true;
        LOG.info("dispatch {}: cancelling", id);
        cancelNotStarted("dispatch cancelled");
        cancelRunningTasks();
        finishIfDone();
    }

    /** This process lost the lease: stop driving without writing anything more. */
    synchronized void abandon() {
        abandoned = true;
        done.complete(null);
    }

    /** The node's inputs have their values: it is expanded (map), reused (cache) or queued on its executor's lane. */
    private void ready(NodeRun node) {
        NodeSpec spec = node.spec();
        ArrayNode inputs = Wire.mapper().createArrayNode();
        spec.args().forEach(arg -> inputs.add(resolve(arg)));
        if (spec.isMap()) {
            expand(node, inputs);
            return;
        }
        String cacheKey = spec.codeHash() == null ? null : CodeHash.cacheKey(spec, inputs.toString());
        if (cacheKey != null && (previous != null || spec.cacheSeconds() != null)) {
            Instant notBefore = spec.cacheSeconds() == null ? null : dispatcher.now().minus(Duration.ofSeconds(spec.cacheSeconds()));
            Optional<CachedResult> cached = store.reader().reusable(cacheKey, previous, notBefore);
            if (cached.isPresent()) {
                store.markNodeCached(id, node.id(), inputs, cacheKey, cached.get().output(), cached.get().dispatchId(), dispatcher.now());
                node.cached(cached.get().output());
                valueReady(node);
                return;
            }
        }
        int attempt = node.pending();
        store.markNodePending(id, node.id(), attempt, inputs, cacheKey, dispatcher.now());
        List<JsonNode> arguments = new ArrayList<>();
        inputs.forEach(arguments::add);
        TaskSpec task = new TaskSpec(Wire.VERSION, id, node.id(), attempt, spec.className(), spec.methodName(),
                spec.parameterTypes(), arguments, "");
        dispatcher.lane(executorOf(node)).enqueue(release -> guarded(() -> launch(node, task, release)).run());
    }

    /** The lane granted {@code node} a slot: unless it was cancelled meanwhile, its executor is asked to start it. */
    private void launch(NodeRun node, TaskSpec task, Runnable release) {
        Executor executor = executorOf(node);
        CompletableFuture<Void> ready;
        synchronized (this) {
            if (abandoned || node.state() != NodeRun.State.PENDING || !leaseHeld()) {
                release.run();
                return;
            }
            node.submitting();
            ready = prepared.computeIfAbsent(executor.name(), name -> withLoader(() -> executor.prepare(context)));
        }
        ready.thenCompose(v -> withLoader(() -> executor.submit(task, context, ResourceRequests.of(node.spec().resources()))))
                .whenCompleteAsync((handle, error) -> guarded(() -> submitted(node, handle, error, release)).run(),
                        dispatcher.callbacks());
    }

    private synchronized void submitted(NodeRun node, TaskHandle handle, Throwable error, Runnable release) {
        if (abandoned) {
            release.run();
            return;
        }
        if (error != null) {
            release.run();
            nodeEnded(node, Failures.result(id, node.id(), dispatcher.now(), "SubmitFailed", "executor " + executorOf(node).name()
                    + " could not start the task: " + Failures.describe(error), error), Map.of());
            return;
        }
        node.running(handle);
        store.markNodeRunning(id, node.id(), Handles.stored(handle), dispatcher.now());
        if (!running) {
            running = true;
            store.markDispatch(id, Status.RUNNING, dispatcher.now());
        }
        if (cancelling) {
            executorOf(node).cancel(handle);
        }
        attach(node, release);
        watchTimeout(node, dispatcher.now());
    }

    /** Follows the node's running task (through its handle) until it ends. */
    private void attach(NodeRun node, Runnable release) {
        TaskHandle handle = node.handle();
        withLoader(() -> executorOf(node).await(handle)).whenCompleteAsync((outcome, error) -> guarded(() -> {
            release.run();
            synchronized (this) {
                if (abandoned || !leaseHeld()) {
                    return;
                }
                if (error != null) {
                    nodeEnded(node, Failures.result(id, node.id(), dispatcher.now(), "AwaitFailed",
                            "lost track of the task: " + Failures.describe(error), error), Map.of());
                } else if (!retriedAfterInfrastructureFailure(node, outcome)) {
                    nodeEnded(node, outcome.result(), outcome.details());
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
    private boolean retriedAfterInfrastructureFailure(NodeRun node, TaskOutcome outcome) {
        var failure = outcome.infrastructureFailure();
        int earlier = node.infrastructureRetries();
        if (failure.isEmpty() || cancelling || failedNode != null || earlier + 1 >= INFRASTRUCTURE_ATTEMPTS) {
            return false;
        }
        int attempt = node.attempt();
        String note = "attempt " + attempt + " (" + outcome.details().getOrDefault("taskArn", node.handle().ref()) + "): "
                + failure.get();
        String next = "infrastructure retry " + (earlier + 1) + " of at most " + (INFRASTRUCTURE_ATTEMPTS - 1)
                + ": started again at once";
        store.retryNode(id, node.id(), outcome.result(), outcome.details(), AttemptRecord.INFRASTRUCTURE, attempt + 1, next,
                dispatcher.now());
        LOG.warn("dispatch {}: node {} infrastructure retry: {}; starting attempt {}", id, node.label(), note, attempt + 1);
        node.retryNow(note);
        ready(node);
        return true;
    }

    /** Arms the timeout of the node's running attempt, started at {@code startedAt}. */
    private void watchTimeout(NodeRun node, Instant startedAt) {
        timers.watchTimeout(node, startedAt, attempt -> guarded(() -> timeoutDue(node, attempt)).run());
    }

    /** The node's attempt {@code attempt} ran its limit: if it still runs, its executor is asked to stop it. */
    private synchronized void timeoutDue(NodeRun node, int attempt) {
        if (abandoned || !node.timeoutDue(attempt)) {
            return;
        }
        Duration limit = NodeTimers.limit(node);
        LOG.info("dispatch {}: node {} attempt {} ran longer than its timeout of {}; stopping it", id, node.label(), attempt, limit);
        TaskHandle handle = node.handle();
        withLoader(() -> executorOf(node).stopForTimeout(handle, limit)).whenComplete((v, error) -> {
            if (error != null) {
                LOG.warn("dispatch {}: stopping node {} after its timeout failed: {}", id, node.label(), Failures.message(error));
            }
        });
    }

    /** The node's attempt ended (or could not start or be followed): it completes, is retried, fails or is cancelled. */
    private void nodeEnded(NodeRun node, TaskResult ended, Map<String, String> taskDetails) {
        Map<String, String> details = taskDetails;
        List<String> lost = node.takeInfrastructureRetries();
        if (!lost.isEmpty()) {
            details = new LinkedHashMap<>(taskDetails);
            details.put("infrastructureRetries", String.join("; ", lost));
        }
        TaskResult result = node.attemptEnded() && !ended.succeeded() ? NodeTimers.timeoutResult(node, ended) : ended;
        String cause = result.succeeded() ? null : RetryDecision.cause(result.error());
        if (!result.succeeded() && !cancelling && failedNode == null
                && RetryDecision.retries(node.spec().retry(), node.attempt(), result.error(), loader, node.label())) {
            retry(node, result, details, cause);
        } else if (result.succeeded()) {
            store.finishNode(id, node.id(), Status.COMPLETED, result, details, dispatcher.now());
            node.completed(result.value());
            valueReady(node);
        } else if (cancelling) {
            store.finishNode(id, node.id(), Status.CANCELLED, result, details, dispatcher.now());
            node.cancelled();
        } else {
            failed(node, result, details, cause);
        }
        finishIfDone();
    }

    /** A failed attempt that its retry policy tries again: recorded, then made ready after the backoff. */
    private void retry(NodeRun node, TaskResult result, Map<String, String> details, String cause) {
        int attempt = node.attempt();
        Duration delay = NodeTimers.backoff(node, attempt);
        String next = "retried after " + delay.toMillis() + " ms";
        store.retryNode(id, node.id(), result, details, cause, attempt + 1, next, dispatcher.now());
        node.retryLater();
        LOG.info("dispatch {}: node {} attempt {} of {} failed ({}: {}); {}", id, node.label(), attempt,
                node.spec().retry().retries() + 1, result.error().type(), result.error().message(), next);
        timers.afterBackoff(delay, guarded(() -> retryDue(node)));
    }

    private synchronized void retryDue(NodeRun node) {
        if (!abandoned && !cancelling && failedNode == null && node.backoffOver()) {
            ready(node);
        }
        finishIfDone();
    }

    /** The node failed for good: so does its map node (if it is an item), and then the dispatch. */
    private void failed(NodeRun node, TaskResult result, Map<String, String> details, String cause) {
        store.finishNode(id, node.id(), Status.FAILED, result, details, cause, dispatcher.now());
        node.failed();
        NodeRun map = node.partOf() == null ? null : node.partOf().map();
        if (map != null && map.state() == NodeRun.State.MAPPING) {
            store.finishNode(id, map.id(), Status.FAILED, Failures.result(id, map.id(), dispatcher.now(), "ItemFailed", "item "
                    + node.label() + " failed: " + result.error().type() + ": " + result.error().message(), null),
                    Map.of(), dispatcher.now());
            map.failed();
        }
        if (failedNode == null) {
            failedNode = node;
            LOG.info("dispatch {}: node {} failed: {}: {}", id, node.label(), result.error().type(), result.error().message());
            cancelNotStarted("not run because node " + node.label() + " failed");
        }
    }

    /** {@code node} has its value (run or reused): dependents whose inputs are now complete become ready. */
    private void valueReady(NodeRun node) {
        for (NodeRun next : node.dependents()) {
            if (next.inputArrived() && !cancelling && failedNode == null && next.state() == NodeRun.State.NEW) {
                ready(next);
            }
        }
        FanOut fanOut = node.partOf();
        if (fanOut != null && fanOut.itemHasValue() && fanOut.map().state() == NodeRun.State.MAPPING) {
            mapCompleted(fanOut.map());
        }
    }

    /**
     * A map node's list is known: stores one node per item (before any starts, so a takeover finds them), then
     * makes them ready. The map node runs until its items end; its value is theirs, in order. A value that is no
     * list fails the map node without retries: its input is another node's value, and it will not change.
     */
    private void expand(NodeRun map, ArrayNode inputs) {
        NodeSpec spec = map.spec();
        JsonNode list = inputs.get(spec.mapArg());
        if (list == null || !list.isArray()) {
            TaskResult notAList = Failures.result(id, map.id(), dispatcher.now(), "NotAList", "node " + map.label()
                    + " maps over argument " + spec.mapArg() + ", which must be a JSON array (a List) but is "
                    + (list == null ? "null" : list.getNodeType() + ": " + abbreviate(list.toString()))
                    + "; make the electron that produces it return a List", null);
            failed(map, notAList, Map.of(), RetryDecision.cause(notAList.error()));
            finishIfDone();
            return;
        }
        FanOut fanOut = addItems(map, list.size());
        List<NewDispatch.NewNode> rows = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        fanOut.rows(rows, edges);
        store.addNodes(id, rows, edges);
        store.markMapRunning(id, map.id(), inputs, dispatcher.now());
        map.mapping();
        if (fanOut.allHaveValues()) {
            mapCompleted(map);
        }
        fanOut.items().forEach(this::ready);
    }

    /** Makes the {@code count} items of {@code map} and registers them; their inputs are ready (the map node's were). */
    private FanOut addItems(NodeRun map, int count) {
        FanOut fanOut = new FanOut(map, count, this::moved);
        fanOut.items().forEach(item -> nodes.put(item.id(), item));
        return fanOut;
    }

    private void mapCompleted(NodeRun map) {
        ArrayNode values = map.fanOut().values();
        Instant now = dispatcher.now();
        store.finishNode(id, map.id(), Status.COMPLETED, new TaskResult(Wire.VERSION, id, map.id(), values, null, "", "", now, now),
                Map.of(), now);
        map.completed(values);
        valueReady(map);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private void cancelNotStarted(String reason) {
        for (NodeRun node : nodes.values()) {
            if (node.cancelIfNotStarted()) {
                store.cancelNode(id, node.id(), reason, dispatcher.now());
            }
        }
    }

    private void cancelRunningTasks() {
        for (NodeRun node : nodes.values()) {
            if (node.state() == NodeRun.State.RUNNING && node.handle() != null) {
                executorOf(node).cancel(node.handle());
            }
        }
    }

    /** Counts terminal nodes as they change state. */
    private void moved(NodeRun node, NodeRun.State from, NodeRun.State to) {
        terminal += (to.isTerminal() ? 1 : 0) - (from.isTerminal() ? 1 : 0);
    }

    private void finishIfDone() {
        if (done.isDone() || terminal < nodes.size()) {
            return;
        }
        // Before the end is stored: a process that exits as soon as it reads the result (ecs-lattice resume) would
        // otherwise leave what the executors kept for the dispatch (a pool's completion queue) behind.
        tellExecutorsItEnded();
        if (failedNode != null) {
            store.finishDispatch(id, Status.FAILED, null, failedNode.id(), "node " + failedNode.label() + " failed", dispatcher.now());
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
        graph.nodes().forEach(node -> used.add(executors.get(node.executor())));
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

    private JsonNode resolve(ArgExpr expr) {
        if (expr instanceof ArgExpr.Constant constant) {
            return constant.value();
        } else if (expr instanceof ArgExpr.Param param) {
            return args.get(param.index());
        } else if (expr instanceof ArgExpr.NodeOutput output) {
            return nodes.get(output.nodeId()).output();
        } else if (expr instanceof ArgExpr.Element element) {
            return resolve(element.list()).get(element.index());
        }
        ArrayNode list = Wire.mapper().createArrayNode();
        ((ArgExpr.ListOf) expr).items().forEach(item -> list.add(resolve(item)));
        return list;
    }

    private Executor executorOf(NodeRun node) {
        return executors.get(node.spec().executor());
    }

    private <T> CompletableFuture<T> withLoader(Supplier<CompletableFuture<T>> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            thread.setContextClassLoader(previousLoader);
        }
    }
}
