package io.ecslattice.cli;

import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.dispatch.DispatchException;
import io.ecslattice.dispatch.DispatchGraph;
import io.ecslattice.dispatch.DispatchInfo;
import io.ecslattice.dispatch.Dispatches;
import io.ecslattice.dispatch.Driver;
import io.ecslattice.dispatch.NodeDetail;
import io.ecslattice.dispatch.NodeInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status [id]}: the newest dispatches, or one dispatch's nodes; {@code --wait} follows it to the end. */
@Command(name = "status", description = "Lists the newest dispatches, or shows one dispatch's nodes.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DISPATCH_ID", description = "a dispatch id; omit to list dispatches")
    String id;

    @Option(names = "--limit", defaultValue = "20", description = "how many dispatches to list (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--wait", description = "print progress until the dispatch ends")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT1H", description = "longest --wait, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (DispatchClient client = DispatchClient.open()) {
            return show(client, out);
        }
    }

    private int show(Dispatches dispatches, PrintWriter out) throws InterruptedException {
        if (id == null) {
            List<List<String>> rows = dispatches.list(limit, 0).stream().map(d -> List.of(d.id(), d.name(),
                    d.status(), d.progress().text(), Tables.time(d.createdAt()), Tables.duration(d.createdAt(), d.endedAt()))).toList();
            out.print(Tables.render(List.of("DISPATCH", "NAME", "STATUS", "PROGRESS", "CREATED", "DURATION"), rows));
            return EcsLatticeCli.OK;
        }
        DispatchInfo summary = summary(dispatches);
        if (wait) {
            Instant deadline = Instant.now().plus(timeout);
            String last = "";
            boolean hinted = false;
            while (!summary.terminal() && Instant.now().isBefore(deadline)) {
                Optional<Driver> driver = dispatches.driver(id);
                if (!hinted && (driver.isEmpty() || !driver.get().live())) {
                    out.println("no live process drives this dispatch" + driver.map(d -> " (lease of " + d.owner() + " expired "
                            + Tables.time(d.expiresAt()) + ")").orElse("") + "; take it over with: ecs-lattice resume " + id);
                    hinted = true;
                }
                String line = summary.status() + " " + summary.progress().text();
                if (!line.equals(last)) {
                    out.println(Tables.time(Instant.now()) + "  " + line);
                    out.flush();
                    last = line;
                }
                Thread.sleep(500);
                summary = summary(dispatches);
            }
        }
        DispatchGraph graph = dispatches.graph(id).orElseThrow();
        out.println("Dispatch " + summary.id() + " (" + summary.name() + "): " + summary.status() + " ["
                + summary.progress().text() + "], created " + Tables.time(summary.createdAt()) + ", "
                + Tables.duration(summary.createdAt(), summary.endedAt()));
        out.print(Tables.render(List.of("NODE", "NAME", "STATUS", "EXECUTOR", "ATTEMPT", "STARTED", "DURATION", "ERROR"),
                graph.nodes().stream().map(StatusCommand::row).toList()));
        printAttempts(out, dispatches, graph.nodes());
        graph.cost().ifPresent(cost -> out.println(cost.render()));
        return !wait || summary.completed() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
    }

    private DispatchInfo summary(Dispatches dispatches) {
        return dispatches.info(id).orElseThrow(() -> new DispatchException("no dispatch " + id + " in " + dispatches.location()));
    }

    /** Every attempt of the nodes that were retried or failed, each with its error: what the ATTEMPT column counts. */
    private void printAttempts(PrintWriter out, Dispatches dispatches, List<NodeInfo> nodes) {
        for (NodeInfo node : nodes) {
            if (node.attempt() < 2 && !node.status().equals("FAILED")) {
                continue;
            }
            List<NodeDetail.Attempt> attempts = dispatches.node(id, node.id()).map(NodeDetail::attempts).orElse(List.of());
            if (attempts.isEmpty()) {
                continue;
            }
            out.println();
            out.println("Attempts of node " + node.id() + " (" + node.name() + "):");
            out.print(Tables.render(List.of("ATTEMPT", "STATUS", "CAUSE", "STARTED", "DURATION", "ERROR", "THEN"),
                    attempts.stream().map(a -> List.of(Integer.toString(a.attempt()), a.status(),
                            a.cause() == null ? "" : a.cause(), Tables.time(a.startedAt()), Tables.duration(a.startedAt(), a.endedAt()),
                            a.error() == null ? "" : firstLine(a.error().type() + ": " + a.error().message()),
                            a.next() == null ? "" : a.next())).toList()));
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " ...";
    }

    private static List<String> row(NodeInfo node) {
        return List.of(node.id(), node.name(), node.status(), node.executor(), Integer.toString(node.attempt()),
                Tables.time(node.startedAt()), Tables.duration(node.startedAt(), node.endedAt()),
                node.errorType() == null ? "" : node.errorType());
    }
}
