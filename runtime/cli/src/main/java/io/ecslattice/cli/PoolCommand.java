package io.ecslattice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool list|drain|delete}: the SQS queues of an ECS executor's warm-worker pools. */
@Command(name = "pool", mixinStandardHelpOptions = true, description = {
        "Shows and removes the SQS queues of the ECS pools (mode = \"pool\").",
        "The client creates them under the stack's name on first use: one work queue (and its -dlq) per pool shape,",
        "one completion queue per dispatch (deleted when the dispatch ends). They are not part of the stack, so",
        "removing the stack leaves them; `pool delete --all` removes them. Workers need no removing: they stop",
        "after pool_idle_seconds without work."},
        subcommands = {PoolListCommand.class, PoolDrainCommand.class, PoolDeleteCommand.class})
final class PoolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
