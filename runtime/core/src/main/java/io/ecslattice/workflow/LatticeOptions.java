package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import io.ecslattice.graph.Graph;

/**
 * How a lattice runs, whatever its arity: the executor of every electron that names none (by name, or an
 * instance; neither for the default executor). Immutable; each option is declared here once, with its
 * fluent setter in {@link Setters} and what it does to the lattice's graph in {@link #applyTo}.
 *
 * @param executorName the executor's name in the config file for electrons that name none; null for the default
 * @param executor     the executor instance given in code; null when only a name (or nothing) was given
 */
public record LatticeOptions(String executorName, Executor executor) {

    /** No option set: electrons that name no executor run on the default executor. */
    public static final LatticeOptions DEFAULTS = new LatticeOptions(null, null);

    /** Checks every option; the message names the option and what would do. */
    public LatticeOptions {
        if (executor != null) {
            executorName = executor.name();
        }
        if (executorName != null && executorName.isBlank()) {
            throw new WorkflowException("executor name must not be blank; give the name of an [executors.NAME] section, e.g. \"ecs\"");
        }
    }

    /** These options with every electron that names no executor on the executor named {@code name}. */
    public LatticeOptions withExecutor(String name) {
        if (name == null) {
            throw new WorkflowException("executor name must not be null; give the name of an [executors.NAME] section, e.g. \"ecs\"");
        }
        return new LatticeOptions(name, null);
    }

    /** These options with every electron that names no executor on {@code executor}. */
    public LatticeOptions withExecutor(Executor executor) {
        if (executor == null) {
            throw new WorkflowException("executor must not be null; give an Executor or the name of one");
        }
        return new LatticeOptions(executor.name(), executor);
    }

    /** {@code built} as these options make it run: electrons that name no executor get the lattice's. */
    Graph applyTo(Graph built) {
        if (executorName == null) {
            return built;
        }
        var nodes = built.nodes().stream().map(n -> n.executor() == null ? n.withExecutor(executorName) : n).toList();
        return new Graph(built.name(), built.paramCount(), nodes, built.output(), built.outputType());
    }

    /**
     * The fluent option setters every lattice has, whatever its arity; each returns a lattice of the same
     * arity with one option changed.
     *
     * @param <L> the lattice type the setters return
     */
    public interface Setters<L> {

        /** This lattice's options. */
        LatticeOptions options();

        /** This lattice with {@code options} in place of its own. */
        L options(LatticeOptions options);

        /** This lattice with every electron that names no executor on the executor named {@code name}. */
        default L executor(String name) {
            return options(options().withExecutor(name));
        }

        /** This lattice with every electron that names no executor on {@code executor}. */
        default L executor(Executor executor) {
            return options(options().withExecutor(executor));
        }
    }
}
