package io.ecslattice.cli;

import io.ecslattice.executor.PoolAdmin;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool list}: every pool queue of the stack with its waiting and in-flight messages. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {
        "Lists the stack's pool queues: work queues (electrons waiting, electrons running), their dead-letter",
        "queues (electrons given up after task_max_attempts) and the completion queues of dispatches not yet ended.",
        "Counts are SQS's approximate numbers."})
final class PoolListCommand implements Callable<Integer> {

    @Mixin
    PoolExecutorOption executor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PoolAdmin.PoolQueue> queues = executor.withPools(PoolAdmin::list);
        PrintWriter out = spec.commandLine().getOut();
        if (queues.isEmpty()) {
            out.println("no pool queues");
            return EcsLatticeCli.OK;
        }
        out.print(Tables.render(List.of("QUEUE", "KIND", "WAITING", "IN FLIGHT"), queues.stream()
                .map(q -> List.of(q.name(), q.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        String.valueOf(q.waiting()), String.valueOf(q.inFlight())))
                .toList()));
        return EcsLatticeCli.OK;
    }
}
