package io.ecslattice.ui;

import io.ecslattice.store.DispatchCost;
import io.ecslattice.store.DispatchDetail;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.NodeCounts;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.dispatch.CancelOutcome;
import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.store.StoreReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The UI's view of the results store: reads and cancels through a {@link DispatchClient}, the same the
 * CLI uses, so the page shows dispatches made by any process on this machine and never drives one.
 */
public final class StoreUiSource implements UiSource {
    /** Detail key under which the ECS executor records a task's ARN. */
    static final String TASK_ARN = "taskArn";

    private final DispatchClient client;
    private final StoreReader reader;
    private final Clock clock;

    /**
     * @param client reads the results store and cancels (stopping the tasks of a dispatch no process drives)
     * @param clock  the time running durations are measured to
     */
    public StoreUiSource(DispatchClient client, Clock clock) {
        this.client = client;
        this.reader = client.reader();
        this.clock = clock;
    }

    @Override
    public DispatchPage dispatches(int offset, int limit) {
        List<DispatchSummary> page = reader.listDispatches(limit + 1, offset);
        List<DispatchRow> rows = page.stream().limit(limit).map(this::row).collect(Collectors.toList());
        return new DispatchPage(rows, offset, limit, page.size() > limit);
    }

    @Override
    public Optional<DispatchView> dispatch(String dispatchId) {
        return reader.detail(dispatchId).map(this::view);
    }

    @Override
    public Optional<NodeView> node(String dispatchId, String nodeId) {
        return reader.node(dispatchId, nodeId).map(record -> new NodeView(dispatchId, nodeRow(record),
                record.inputs(), record.output(), error(record), record.stdout(), record.stderr(),
                record.details(), Map.of(), reader.attempts(dispatchId, nodeId).stream().map(a -> new AttemptView(a.attempt(),
                        a.status().name(), a.cause(), a.error() == null ? null
                        : new ErrorView(nodeId, a.error().type(), a.error().message(), a.error().stackTrace()),
                        a.startedAt(), a.endedAt(), a.next(), a.details())).collect(Collectors.toList())));
    }

    @Override
    public Optional<CancelResult> cancel(String dispatchId) {
        Optional<DispatchSummary> before = reader.dispatch(dispatchId);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        if (before.get().status().isTerminal()) {
            return Optional.of(new CancelResult(dispatchId, false, before.get().status().name(),
                    "dispatch " + dispatchId + " already ended as " + before.get().status() + "; nothing to cancel"));
        }
        CancelOutcome outcome = client.cancel(dispatchId);
        String status = reader.dispatch(dispatchId).map(d -> d.status().name()).orElse(before.get().status().name());
        return Optional.of(new CancelResult(dispatchId, outcome.accepted(), status, outcome.accepted() ? outcome.message()
                : "dispatch " + dispatchId + " ended before the cancel arrived"));
    }

    /** Reads node summaries and details, not payloads: the page polls this every second, also for 1,000 nodes. */
    private DispatchView view(DispatchDetail detail) {
        DispatchSummary summary = detail.summary();
        Map<String, Map<String, String>> details = reader.nodeDetails(summary.id());
        List<NodeRow> nodes = detail.nodes().stream()
                .map(n -> new NodeRow(n.id(), n.name(), n.executor(), n.status().name(), n.startedAt(), n.endedAt(),
                        duration(n.startedAt(), n.endedAt(), n.status().isTerminal()),
                        details.getOrDefault(n.id(), Map.of()).get(TASK_ARN), n.pendingAt(), n.cachedFrom(), n.group(), n.parent()))
                .collect(Collectors.toList());
        List<EdgeView> edges = detail.edges().stream()
                .map(e -> new EdgeView(e.from(), e.to(), e.orderOnly() ? "after" : "argument " + e.argIndex()))
                .collect(Collectors.toList());
        return new DispatchView(row(summary), nodes, edges, detail.output(), error(summary),
                DispatchCost.of(details).map(DispatchCost::render).orElse(null));
    }

    /** The failed node's error with its stack trace, or why the dispatch ended otherwise; null when it did not fail. */
    private ErrorView error(DispatchSummary summary) {
        if (summary.errorNode() != null) {
            return reader.node(summary.id(), summary.errorNode()).map(StoreUiSource::error)
                    .orElseGet(() -> new ErrorView(summary.errorNode(), summary.status().name(), summary.errorMessage(), ""));
        }
        return summary.errorMessage() == null ? null : new ErrorView(null, summary.status().name(), summary.errorMessage(), "");
    }

    private DispatchRow row(DispatchSummary s) {
        NodeCounts counts = s.counts();
        Instant start = s.startedAt() != null ? s.startedAt() : s.createdAt();
        return new DispatchRow(s.id(), s.name(), s.status().name(),
                counts.completed() + counts.failed() + counts.cancelled(), counts.completed(), counts.failed(), counts.cancelled(),
                counts.total(),
                start, s.endedAt(), duration(start, s.endedAt(), s.status().isTerminal()));
    }

    private NodeRow nodeRow(NodeRecord r) {
        return new NodeRow(r.id(), r.name(), r.executor(), r.status().name(), r.startedAt(), r.endedAt(),
                duration(r.startedAt(), r.endedAt(), r.status().isTerminal()), r.details().get(TASK_ARN), r.pendingAt(),
                r.cachedFrom(), r.group(), r.parent());
    }

    private static ErrorView error(NodeRecord r) {
        return r.error() == null ? null : new ErrorView(r.id(), r.error().type(), r.error().message(), r.error().stackTrace());
    }

    /** End minus start; to now while it runs; null before it started or when it ended without an end time. */
    private Long duration(Instant start, Instant end, boolean ended) {
        if (start == null || (end == null && ended)) {
            return null;
        }
        return Duration.between(start, end != null ? end : clock.instant()).toMillis();
    }
}
