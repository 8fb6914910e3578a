package io.ecslattice.cli;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.executor.ExecutorFactory;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.executor.PoolAdmin;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --executor} option of the pool subcommands: which executor's pools to look at. */
final class PoolExecutorOption {

    @Option(names = {"-e", "--executor"}, defaultValue = "ecs", paramLabel = "NAME",
            description = "the [executors.NAME] section of type ecs whose stack holds the pools (default ${DEFAULT-VALUE})")
    String executor;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * Runs {@code action} on the executor's pools, found through its type's plug-in; a usage error when the type keeps
     * no pools.
     */
    <T> T withPools(Function<PoolAdmin, T> action) {
        try (ExecutorRegistry registry = new ExecutorRegistry(ConfigFile.load())) {
            ExecutorFactory factory = registry.factoryFor(executor);
            PoolAdmin admin = factory.poolAdmin(executor, registry.configFile().executorSection(executor))
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "executor " + executor + " is of type "
                            + factory.type() + "; pools belong to executors of type ecs"));
            try (admin) {
                return action.apply(admin);
            }
        }
    }
}
