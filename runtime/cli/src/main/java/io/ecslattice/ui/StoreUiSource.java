package io.ecslattice.ui;

import io.ecslattice.dispatch.CancelOutcome;
import io.ecslattice.dispatch.DispatchCost;
import io.ecslattice.dispatch.DispatchGraph;
import io.ecslattice.dispatch.DispatchInfo;
import io.ecslattice.dispatch.Dispatches;
import io.ecslattice.dispatch.NodeDetail;
import io.ecslattice.dispatch.NodeInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The UI's view of the results store: reads and cancels through {@link Dispatches} (a read-only
 * {@code DispatchClient} in {@code ecs-lattice ui}), the same the CLI uses, so the page shows dispatches made by any
 * process on this machine and never drives one.
 */
public final class StoreUiSource implements UiSource {
    /** Detail key under which the ECS executor records a task's ARN. */
    static final String TASK_ARN = "taskArn";

    private final Dispatches dispatches;
    private final Clock clock;

    /**
     * @param dispatches reads the results store and cancels (stopping the tasks of a dispatch no process drives)
     * @param clock      the time running durations are measured to
     */
    public StoreUiSource(Dispatches dispatches, Clock clock) {
        this.dispatches = dispatches;
        this.clock = clock;
    }

    @Override
    public DispatchPage dispatches(int offset, int limit) {
        List<DispatchInfo> page = dispatches.list(limit + 1, offset);
        List<DispatchRow> rows = page.stream().limit(limit).map(this::row).collect(Collectors.toList());
        return new DispatchPage(rows, offset, limit, page.size() > limit);
    }

    @Override
    public Optional<DispatchView> dispatch(String dispatchId) {
        return dispatches.graph(dispatchId).map(this::view);
    }

    @Override
    public Optional<NodeView> node(String dispatchId, String nodeId) {
        return dispatches.node(dispatchId, nodeId).map(detail -> new NodeView(dispatchId, nodeRow(detail.node()),
                detail.inputs(), detail.output(), error(nodeId, detail.error()), detail.stdout(), detail.stderr(),
                detail.node().details(), Map.of(), detail.attempts().stream().map(a -> new AttemptView(a.attempt(),
                        a.status(), a.cause(), error(nodeId, a.error()), a.startedAt(), a.endedAt(), a.next(), a.details()))
                        .collect(Collectors.toList())));
    }

    @Override
    public Optional<CancelResult> cancel(String dispatchId) {
        Optional<DispatchInfo> before = dispatches.info(dispatchId);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        if (before.get().terminal()) {
            return Optional.of(new CancelResult(dispatchId, false, before.get().status(),
                    "dispatch " + dispatchId + " already ended as " + before.get().status() + "; nothing to cancel"));
        }
        CancelOutcome outcome = dispatches.requestCancel(dispatchId);
        String status = dispatches.info(dispatchId).map(DispatchInfo::status).orElse(before.get().status());
        return Optional.of(new CancelResult(dispatchId, outcome.accepted(), status, outcome.accepted() ? outcome.message()
                : "dispatch " + dispatchId + " ended before the cancel arrived"));
    }

    /** Node summaries and details, not payloads: the page polls this every second, also for 1,000 nodes. */
    private DispatchView view(DispatchGraph graph) {
        List<NodeRow> nodes = graph.nodes().stream().map(this::nodeRow).collect(Collectors.toList());
        List<EdgeView> edges = graph.edges().stream()
                .map(e -> new EdgeView(e.from(), e.to(), e.orderOnly() ? "after" : "argument " + e.argIndex()))
                .collect(Collectors.toList());
        return new DispatchView(row(graph.dispatch()), nodes, edges, graph.output(), error(graph.dispatch()),
                graph.cost().map(DispatchCost::render).orElse(null));
    }

    /** The failed node's error with its stack trace, or why the dispatch ended otherwise; null when it did not fail. */
    private ErrorView error(DispatchInfo dispatch) {
        if (dispatch.errorNode() != null) {
            return dispatches.node(dispatch.id(), dispatch.errorNode()).map(node -> error(node.node().id(), node.error()))
                    .orElseGet(() -> new ErrorView(dispatch.errorNode(), dispatch.status(), dispatch.errorMessage(), ""));
        }
        return dispatch.errorMessage() == null ? null : new ErrorView(null, dispatch.status(), dispatch.errorMessage(), "");
    }

    private DispatchRow row(DispatchInfo d) {
        var progress = d.progress();
        Instant start = d.startedAt() != null ? d.startedAt() : d.createdAt();
        return new DispatchRow(d.id(), d.name(), d.status(),
                progress.completed() + progress.failed() + progress.cancelled(), progress.completed(), progress.failed(),
                progress.cancelled(), progress.total(),
                start, d.endedAt(), duration(start, d.endedAt(), d.terminal()));
    }

    private NodeRow nodeRow(NodeInfo n) {
        return new NodeRow(n.id(), n.name(), n.executor(), n.status(), n.startedAt(), n.endedAt(),
                duration(n.startedAt(), n.endedAt(), n.terminal()), n.details().get(TASK_ARN), n.pendingAt(),
                n.cachedFrom(), n.group(), n.parent());
    }

    private static ErrorView error(String nodeId, NodeDetail.Error error) {
        return error == null ? null : new ErrorView(nodeId, error.type(), error.message(), error.stackTrace());
    }

    /** End minus start; to now while it runs; null before it started or when it ended without an end time. */
    private Long duration(Instant start, Instant end, boolean ended) {
        if (start == null || (end == null && ended)) {
            return null;
        }
        return Duration.between(start, end != null ? end : clock.instant()).toMillis();
    }
}
