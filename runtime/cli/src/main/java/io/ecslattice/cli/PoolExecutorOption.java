package io.ecslattice.cli;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.Pools;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --executor} option of the pool subcommands: which ECS executor's stack to look at. */
final class PoolExecutorOption {

    @Option(names = {"-e", "--executor"}, defaultValue = "ecs", paramLabel = "NAME",
            description = "the [executors.NAME] section of type ecs whose stack holds the pools (default ${DEFAULT-VALUE})")
    String executor;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Runs {@code action} on the executor's pools; a usage error when the executor is not of type ecs. */
    <T> T withPools(Function<Pools, T> action) {
        try (ExecutorRegistry registry = new ExecutorRegistry(ConfigFile.load())) {
            Executor found = registry.get(executor);
            if (!(found instanceof EcsExecutor ecs)) {
                throw new ParameterException(spec.commandLine(), "executor " + executor + " is of type "
                        + registry.factoryFor(executor).type() + "; pools belong to executors of type ecs");
            }
            return action.apply(ecs.pools());
        }
    }
}
