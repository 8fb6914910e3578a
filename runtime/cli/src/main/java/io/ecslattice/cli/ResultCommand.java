package io.ecslattice.cli;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.DispatchCost;
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

    @Option(names = "--wait", description = "wait for the dispatch to end (taking it over if its driver is gone)")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT1H", description = "longest --wait, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Result<Object> result = wait ? Dispatcher.shared().getResult(id, timeout) : Dispatcher.shared().getResult(id, false);
        spec.commandLine().getOut().println(result);
        DispatchCost.of(Dispatcher.shared().store().reader().nodeDetails(id))
                .ifPresent(cost -> spec.commandLine().getOut().println(cost.render()));
        return result.isCompleted() ? EcsLatticeCli.OK : EcsLatticeCli.FAILED;
    }
}
