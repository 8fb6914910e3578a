package io.ecslattice.cli;

import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.LatticeClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.workflow.Result;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code result <id>}: the dispatch's status, value or failing node; exit 0 only when it completed. */
@Command(name = "result", description = "Prints a dispatch's result: status, value, or the failing node with its error and output.")
final class ResultCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DISPATCH_ID")
    String id;

    @Option(names = "--wait", description = "wait for the dispatch to end while a process drives it (if none does, says to resume it)")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT1H", description = "longest --wait, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (DispatchClient client = DispatchClient.open()) {
            Dispatch<JsonNode> dispatch = LatticeClient.readOnly(client).attach(id, JsonNode.class);
            Result<JsonNode> result = wait ? dispatch.result(timeout) : dispatch.current();
            spec.commandLine().getOut().println(result);
            client.graph(id).flatMap(graph -> graph.cost()).ifPresent(cost -> spec.commandLine().getOut().println(cost.render()));
            return result.isCompleted() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
        }
    }
}
