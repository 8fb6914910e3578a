package io.ecslattice.cli;

import io.ecslattice.dispatch.CancelOutcome;
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

/** {@code cancel <id>}: pending nodes never start, running tasks are stopped; waits for the dispatch to settle. */
@Command(name = "cancel", description = "Cancels a dispatch: pending nodes never start, running tasks are stopped.")
final class CancelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DISPATCH_ID")
    String id;

    @Option(names = "--timeout", defaultValue = "PT2M", description = "how long to wait for running tasks to stop (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (DispatchClient client = DispatchClient.open()) {
            Dispatch<JsonNode> dispatch = LatticeClient.readOnly(client).attach(id, JsonNode.class);
            CancelOutcome outcome = client.requestCancel(id);
            if (!outcome.accepted()) {
                spec.commandLine().getErr().println("dispatch " + id + " had already ended: " + dispatch.status());
                return EcsLatticeCli.FAILED;
            }
            spec.commandLine().getOut().println("dispatch " + id + ": " + outcome.message());
            Result<JsonNode> result = outcome.kind() == CancelOutcome.Kind.REQUESTED ? dispatch.result(timeout) : dispatch.current();
            spec.commandLine().getOut().println(result);
            return outcome.problems().isEmpty() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
        }
    }
}
