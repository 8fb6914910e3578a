package io.ecslattice.cli.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import io.ecslattice.cli.EcsLatticeCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code redispatch <id>}: runs a dispatch again, reusing the results of nodes whose code and inputs are unchanged. */
@Command(name = "redispatch", description = "Runs a dispatch again with the same arguments and the classes as they are now; "
        + "nodes whose code and inputs are unchanged reuse their stored results and show as CACHED.")
public final class RedispatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DISPATCH_ID")
    String id;

    @Option(names = "--wait", description = "wait for the new dispatch to end and print its result")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT24H", description = "longest wait with --wait (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Dispatcher dispatcher = Dispatcher.shared();
        String again = dispatcher.redispatch(id, null, Map.of());
        spec.commandLine().getOut().println(again);
        if (!wait) {
            return EcsLatticeCli.OK;
        }
        Result<JsonNode> result = LatticeClient.of(dispatcher).attach(again, JsonNode.class).result(timeout);
        spec.commandLine().getOut().println(result);
        return result.isCompleted() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
    }
}
