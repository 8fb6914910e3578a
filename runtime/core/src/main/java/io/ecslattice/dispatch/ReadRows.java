package io.ecslattice.dispatch;

import io.ecslattice.store.AttemptRecord;
import io.ecslattice.store.DispatchDetail;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.NodeCounts;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.NodeSummary;
import io.ecslattice.wire.TaskError;
import java.util.List;
import java.util.Map;

/** Turns the store's rows into the read types of {@link Dispatches}, so nothing above the engine sees a row. */
final class ReadRows {

    private ReadRows() {
    }

    static DispatchInfo info(DispatchSummary s) {
        return new DispatchInfo(s.id(), s.name(), s.status().name(), s.status().isTerminal(), s.createdAt(), s.startedAt(),
                s.endedAt(), progress(s.counts()), s.errorNode(), s.errorMessage(), s.cancelRequested());
    }

    static DispatchState.Progress progress(NodeCounts c) {
        return new DispatchState.Progress(c.total(), c.waiting(), c.running(), c.completed(), c.failed(), c.cancelled());
    }

    static DispatchGraph graph(DispatchDetail detail, Map<String, Map<String, String>> nodeDetails) {
        List<NodeInfo> nodes = detail.nodes().stream().map(n -> node(n, nodeDetails.getOrDefault(n.id(), Map.of()))).toList();
        List<DispatchGraph.Edge> edges = detail.edges().stream()
                .map(e -> new DispatchGraph.Edge(e.from(), e.to(), e.argIndex(), e.orderOnly())).toList();
        return new DispatchGraph(info(detail.summary()), detail.output(), detail.outputType(), nodes, edges);
    }

    static NodeInfo node(NodeSummary n, Map<String, String> details) {
        return new NodeInfo(n.id(), n.name(), n.status().name(), n.status().isTerminal(), n.executor(), n.attempt(),
                n.pendingAt(), n.startedAt(), n.endedAt(), n.errorType(), n.cachedFrom(), n.group(), n.parent(), details);
    }

    static NodeDetail node(NodeRecord r, List<AttemptRecord> attempts) {
        NodeInfo info = new NodeInfo(r.id(), r.name(), r.status().name(), r.status().isTerminal(), r.executor(), r.attempt(),
                r.pendingAt(), r.startedAt(), r.endedAt(), r.error() == null ? null : r.error().type(), r.cachedFrom(), r.group(),
                r.parent(), r.details());
        return new NodeDetail(r.dispatchId(), info, r.inputs(), r.output(), error(r.error()), r.stdout(), r.stderr(),
                attempts.stream().map(a -> new NodeDetail.Attempt(a.attempt(), a.status().name(), a.cause(), error(a.error()),
                        a.details(), a.startedAt(), a.endedAt(), a.next())).toList());
    }

    private static NodeDetail.Error error(TaskError error) {
        return error == null ? null : new NodeDetail.Error(error.type(), error.message(), error.stackTrace());
    }
}
