package io.ecslattice.cli;

import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.dispatch.DispatchException;
import io.ecslattice.dispatch.DispatchGraph;
import io.ecslattice.dispatch.Dispatches;
import io.ecslattice.dispatch.NodeDetail;
import io.ecslattice.dispatch.NodeInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code logs <id> <node>}: what a node printed, from the store, or from its executor while it runs. */
@Command(name = "logs", description = "Prints a node's stdout and stderr (from its executor while it still runs).")
final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DISPATCH_ID")
    String id;

    @Parameters(index = "1", paramLabel = "NODE", description = "node id, or the electron's name when it is unique")
    String node;

    @Option(names = "--lines", defaultValue = "200", description = "most lines to fetch from a running task (default ${DEFAULT-VALUE})")
    int lines;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (DispatchClient client = DispatchClient.open()) {
            return show(client);
        }
    }

    private int show(Dispatches dispatches) {
        NodeInfo found = find(dispatches.graph(id).map(DispatchGraph::nodes).orElse(List.of()));
        PrintWriter out = spec.commandLine().getOut();
        if (!found.terminal()) {
            Optional<List<String>> live = dispatches.liveLogs(id, found.id(), lines);
            if (live.isPresent()) {
                out.println("# node " + found.id() + " (" + found.name() + ") is " + found.status() + "; live output from "
                        + found.executor() + ":");
                live.get().forEach(out::println);
                return EcsLatticeCli.OK;
            }
        }
        NodeDetail record = dispatches.node(id, found.id())
                .orElseThrow(() -> new DispatchException("dispatch " + id + " has no node " + found.id()));
        NodeInfo node = record.node();
        out.println("# stdout of node " + node.id() + " (" + node.name() + "), " + node.status());
        out.print(record.stdout().endsWith("\n") || record.stdout().isEmpty() ? record.stdout() : record.stdout() + "\n");
        out.println("# stderr");
        out.print(record.stderr().endsWith("\n") || record.stderr().isEmpty() ? record.stderr() : record.stderr() + "\n");
        if (record.error() != null && !node.status().equals("COMPLETED")) {
            out.println("# error: " + record.error().type() + ": " + record.error().message());
        }
        return EcsLatticeCli.OK;
    }

    private NodeInfo find(List<NodeInfo> nodes) {
        if (nodes.isEmpty()) {
            throw new DispatchException("no dispatch " + id + " (or it has no nodes)");
        }
        List<NodeInfo> matches = nodes.stream().filter(n -> n.id().equals(node)).toList();
        if (matches.isEmpty()) {
            matches = nodes.stream().filter(n -> n.name().equals(node)).toList();
        }
        if (matches.size() != 1) {
            throw new DispatchException((matches.isEmpty() ? "no node '" : "several nodes are named '") + node + "' in dispatch "
                    + id + "; nodes: " + String.join(", ", nodes.stream().map(n -> n.id() + " (" + n.name() + ")").toList()));
        }
        return matches.get(0);
    }
}
