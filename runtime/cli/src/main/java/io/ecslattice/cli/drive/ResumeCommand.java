package io.ecslattice.cli.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.dispatch.Driver;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.ecslattice.cli.EcsLatticeCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code resume <id>}: drives a dispatch whose process is gone to the end, re-attaching to its running tasks. */
@Command(name = "resume", description = "Takes over a dispatch whose driving process is gone (its lease expired) and drives it to the end.")
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DISPATCH_ID")
    String id;

    @Option(names = "--timeout", defaultValue = "PT24H", description = "longest wait for the end (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Dispatcher dispatcher = Dispatcher.shared();
        Dispatch<JsonNode> dispatch = LatticeClient.of(dispatcher).attach(id, JsonNode.class);
        Result<JsonNode> current = dispatch.current();
        if (current.status().isTerminal()) {
            spec.commandLine().getOut().println(current);
            return current.isCompleted() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
        }
        if (!dispatcher.resume(id)) {
            Optional<Driver> driver = dispatcher.driver(id);
            spec.commandLine().getErr().println("dispatch " + id + " is driven by a live process"
                    + driver.map(d -> " (" + d.owner() + ", lease until " + d.expiresAt() + ")").orElse("")
                    + "; not taking over. Follow it with: ecs-lattice status --wait " + id);
            return EcsLatticeCli.FAILED;
        }
        spec.commandLine().getOut().println("driving dispatch " + id + " from this process");
        Result<JsonNode> result = dispatch.result(timeout);
        spec.commandLine().getOut().println(result);
        return result.isCompleted() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
    }
}
