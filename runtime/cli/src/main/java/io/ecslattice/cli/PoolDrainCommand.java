package io.ecslattice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool drain QUEUE}: removes the electrons waiting on a work queue, so its workers go idle and stop. */
@Command(name = "drain", mixinStandardHelpOptions = true, description = {
        "Removes every electron waiting on a pool's work queue (or every message of a dead-letter queue).",
        "Electrons already running finish; the workers then stop after pool_idle_seconds.",
        "Each removed electron's node fails with PoolDrained, so its dispatch does not wait for it.",
        "A dead-letter queue is purged, which SQS allows once per 60 seconds."})
final class PoolDrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name, as `pool list` shows it")
    String queue;

    @Mixin
    PoolExecutorOption executor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long removed = executor.withPools(pools -> pools.drain(queue));
        spec.commandLine().getOut().println("drained " + queue + ": removed " + removed + " waiting message(s)");
        return EcsLatticeCli.OK;
    }
}
