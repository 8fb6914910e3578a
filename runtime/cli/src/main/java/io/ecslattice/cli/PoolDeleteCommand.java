package io.ecslattice.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool delete QUEUE | --all}: deletes pool queues, e.g. those left behind after the stack was removed. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = {
        "Deletes a pool queue (a work queue together with its -dlq), or with --all every pool queue of the stack.",
        "Electrons waiting on a deleted work queue are lost, and a dispatch whose completion queue is deleted",
        "never sees its electrons complete: delete queues when no dispatch runs, e.g. after removing the stack.",
        "The next dispatch in pool mode creates the queues it needs again."})
final class PoolDeleteCommand implements Callable<Integer> {

    /** Exactly one of a queue name and --all. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name, as `pool list` shows it")
        String queue;

        @Option(names = "--all", required = true, description = "every pool queue of the stack")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Mixin
    PoolExecutorOption executor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> deleted = executor.withPools(pools -> target.all ? pools.deleteAll() : pools.delete(target.queue));
        spec.commandLine().getOut().println(deleted.isEmpty() ? "no pool queues to delete" : "deleted " + String.join(", ", deleted));
        return EcsLatticeCli.OK;
    }
}
