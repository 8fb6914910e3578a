package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import io.ecslattice.graph.ArgExpr;
import io.ecslattice.graph.GraphException;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.graph.Resources;
import java.math.BigDecimal;
import java.time.Duration;
import io.ecslattice.wire.TaskEnvironment;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * How an electron runs, whatever its arity: where (an executor name or instance; neither for the default
 * executor), how often a failure is tried again, how long one attempt may take, what it asks of the
 * machine, and how long its results may be reused by later dispatches. Immutable and checked when made, so
 * one value can be shared by many electrons: {@code Electron.of(MyFlow::step).options(onEcs)}.
 *
 * <p>Each option is declared here once: its component, its check, its wither, the fluent setter every
 * electron inherits from {@link Setters}, and what it writes into the electron's node ({@link #node}).
 *
 * @param executorName    the executor's name in the config file (e.g. {@code ecs}); null for the default executor
 * @param executor        the executor instance given in code; null when only a name (or nothing) was given
 * @param retries         which failures are tried again and how; null: none
 * @param timeout         the longest one attempt may run; null: no limit
 * @param cache           how long a result may be reused by a later dispatch of the same code and inputs; null:
 *                        only by a redispatch
 * @param vcpu            vCPUs instead of the executor's; null: the executor's
 * @param memory          memory in GB instead of the executor's; null: the executor's
 * @param cpuArchitecture {@code X86_64} or {@code ARM64} instead of the executor's; null: the executor's
 * @param spot            Fargate Spot (true) or on-demand (false) instead of the executor's choice; null: the executor's
 * @param env             environment variables the electron's task gets, over the executor's {@code env}; empty: none
 * @param secrets         environment variables filled from Secrets Manager secrets or SSM parameters, by name, each
 *                        given as the ARN (the value never passes through ecs-lattice); empty: none
 */
public record ElectronOptions(String executorName, Executor executor, Retry retries, Duration timeout, Duration cache,
                              Double vcpu, Double memory, String cpuArchitecture, Boolean spot,
                              Map<String, String> env, Map<String, String> secrets) {

    /** No option set: the default executor, one attempt, no time limit, the executor's resources, no caching. */
    public static final ElectronOptions DEFAULTS = new ElectronOptions(null, null, null, null, null, null, null, null, null,
            Map.of(), Map.of());

    /** Checks every option; the message names the option, the value and what would do. */
    public ElectronOptions {
        if (executor != null) {
            executorName = executor.name();
        }
        if (executorName != null && executorName.isBlank()) {
            throw new WorkflowException("executor name must not be blank; give the name of an [executors.NAME] section, e.g. \"ecs\"");
        }
        if (timeout != null && (timeout.isNegative() || timeout.toMillis() == 0)) {
            throw new WorkflowException("timeout is " + timeout + "; give a positive Duration of at least 1 ms, e.g. Duration.ofMinutes(5)");
        }
        if (cache != null && (cache.isNegative() || cache.toSeconds() < 1)) {
            throw new WorkflowException("cache(" + cache + "): the expiry must be at least one second, e.g. .cache(Duration.ofHours(1))");
        }
        resources(vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /** These options on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
    public ElectronOptions withExecutor(String name) {
        if (name == null) {
            throw new WorkflowException("executor name must not be null; give the name of an [executors.NAME] section, e.g. \"ecs\"");
        }
        return new ElectronOptions(name, null, retries, timeout, cache, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /** These options on {@code executor}. */
    public ElectronOptions withExecutor(Executor executor) {
        if (executor == null) {
            throw new WorkflowException("executor must not be null; give an Executor or the name of one");
        }
        return new ElectronOptions(executor.name(), executor, retries, timeout, cache, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /** These options retrying failures by {@code policy}, e.g. {@code Retry.times(3).backoff(Backoff.fixed(ofSeconds(5)))}. */
    public ElectronOptions withRetries(Retry policy) {
        if (policy == null) {
            throw new WorkflowException("retries: give a policy such as Retry.times(3)");
        }
        return new ElectronOptions(executorName, executor, policy, timeout, cache, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /** These options stopping an attempt, which then fails with a Timeout error, when it runs longer than {@code limit}. */
    public ElectronOptions withTimeout(Duration limit) {
        if (limit == null) {
            throw new WorkflowException("timeout is null; give a positive Duration of at least 1 ms, e.g. Duration.ofMinutes(5)");
        }
        return new ElectronOptions(executorName, executor, retries, limit, cache, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /**
     * These options with results reused by any later dispatch that calls the electron with the same code and
     * inputs, for up to {@code expiry} after the run that produced them; such nodes show as CACHED.
     */
    public ElectronOptions withCache(Duration expiry) {
        if (expiry == null) {
            throw new WorkflowException("cache(null): the expiry must be at least one second, e.g. .cache(Duration.ofHours(1))");
        }
        return new ElectronOptions(executorName, executor, retries, timeout, expiry, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /** These options on {@code vcpu} vCPUs instead of the executor's (ECS: with {@link #withMemory}, a Fargate pair). */
    public ElectronOptions withVcpu(double vcpu) {
        return new ElectronOptions(executorName, executor, retries, timeout, cache, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /** These options with {@code gigabytes} GB of memory instead of the executor's (ECS: a Fargate pair with the vCPUs). */
    public ElectronOptions withMemory(double gigabytes) {
        return new ElectronOptions(executorName, executor, retries, timeout, cache, vcpu, gigabytes, cpuArchitecture, spot, env, secrets);
    }

    /** These options on CPU architecture {@code X86_64} or {@code ARM64} instead of the executor's. */
    public ElectronOptions withCpuArchitecture(String architecture) {
        return new ElectronOptions(executorName, executor, retries, timeout, cache, vcpu, memory, architecture, spot, env, secrets);
    }

    /** These options on Fargate Spot (true) or on-demand Fargate (false) instead of the executor's choice. */
    public ElectronOptions withSpot(boolean spot) {
        return new ElectronOptions(executorName, executor, retries, timeout, cache, vcpu, memory, cpuArchitecture, spot, env, secrets);
    }

    /**
     * These options with environment variable {@code name} set to {@code value} in the electron's task, over the
     * executor's {@code env}. The value is plain text, stored with the graph: use {@link #withSecret} for secrets.
     */
    public ElectronOptions withEnv(String name, String value) {
        TaskEnvironment.nameProblem(name).ifPresent(problem -> {
            throw new WorkflowException("env: " + problem);
        });
        if (value == null) {
            throw new WorkflowException("env(\"" + name + "\", null): give a string value (\"\" for empty)");
        }
        Map<String, String> more = new TreeMap<>(env);
        more.put(name, value);
        Map<String, String> fewer = new TreeMap<>(secrets);
        fewer.remove(name);
        return new ElectronOptions(executorName, executor, retries, timeout, cache, vcpu, memory, cpuArchitecture, spot, more, fewer);
    }

    /**
     * These options with environment variable {@code name} filled, where the task runs, from the Secrets Manager
     * secret or SSM parameter {@code arn}; only the ARN passes through ecs-lattice (ECS: the task definition's
     * {@code secrets}, fetched with the execution role, which the stack must allow: see docs/operations/iam.md).
     */
    public ElectronOptions withSecret(String name, String arn) {
        TaskEnvironment.nameProblem(name).or(() -> TaskEnvironment.arnProblem(name, arn)).ifPresent(problem -> {
            throw new WorkflowException("secret: " + problem);
        });
        Map<String, String> more = new TreeMap<>(secrets);
        more.put(name, arn);
        Map<String, String> fewer = new TreeMap<>(env);
        fewer.remove(name);
        return new ElectronOptions(executorName, executor, retries, timeout, cache, vcpu, memory, cpuArchitecture, spot, fewer, more);
    }

    /** The node that a call of {@code method} with these options adds to a lattice's graph. */
    NodeSpec node(String id, ElectronMethod method, String returnType, List<ArgExpr> args, Integer mapArg) {
        return new NodeSpec(id, method.name(), method.className(), method.name(), method.parameterTypeNames(), returnType,
                executorName, args, List.of(), retries == null ? null : retries.spec(), timeout == null ? null : timeout.toMillis(),
                resources(vcpu, memory, cpuArchitecture, spot, env, secrets), null, cache == null ? null : cache.toSeconds(), null, mapArg);
    }

    private static Resources resources(Double vcpu, Double memory, String cpuArchitecture, Boolean spot,
                                       Map<String, String> env, Map<String, String> secrets) {
        try {
            return new Resources(decimal(vcpu), decimal(memory), cpuArchitecture, spot, env, secrets);
        } catch (GraphException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).stripTrailingZeros();
    }

    /**
     * The fluent option setters every electron has, whatever its arity; each returns an electron of the same
     * arity with one option changed.
     *
     * @param <E> the electron type the setters return
     */
    public interface Setters<E> {

        /** This electron's options. */
        ElectronOptions options();

        /** This electron with {@code options} in place of its own, e.g. one value shared by several electrons. */
        E options(ElectronOptions options);

        /** This electron on the executor named {@code name} in the config file (e.g. {@code local}, {@code ecs}). */
        default E executor(String name) {
            return change(o -> o.withExecutor(name));
        }

        /** This electron on {@code executor}. */
        default E executor(Executor executor) {
            return change(o -> o.withExecutor(executor));
        }

        /** This electron retried by {@code policy}, e.g. {@code Retry.times(3).backoff(Backoff.fixed(ofSeconds(5)))}. */
        default E retries(Retry policy) {
            return change(o -> o.withRetries(policy));
        }

        /** This electron stopped, and its attempt failed with a Timeout error, when one attempt runs longer than {@code limit}. */
        default E timeout(Duration limit) {
            return change(o -> o.withTimeout(limit));
        }

        /**
         * This electron with its results reused by any later dispatch that calls it with the same code and
         * inputs, for up to {@code expiry} after the run that produced them; they show as CACHED.
         */
        default E cache(Duration expiry) {
            return change(o -> o.withCache(expiry));
        }

        /** This electron on {@code vcpu} vCPUs instead of its executor's (ECS: with {@link #memory}, a Fargate pair). */
        default E vcpu(double vcpu) {
            return change(o -> o.withVcpu(vcpu));
        }

        /** This electron with {@code gigabytes} GB of memory instead of its executor's (ECS: a Fargate pair with the vCPUs). */
        default E memory(double gigabytes) {
            return change(o -> o.withMemory(gigabytes));
        }

        /** This electron on CPU architecture {@code X86_64} or {@code ARM64} instead of its executor's. */
        default E cpuArchitecture(String architecture) {
            return change(o -> o.withCpuArchitecture(architecture));
        }

        /** This electron on Fargate Spot (true) or on-demand Fargate (false) instead of its executor's choice. */
        default E spot(boolean spot) {
            return change(o -> o.withSpot(spot));
        }

        /** This electron with environment variable {@code name} set to {@code value} (plain text; secrets go in {@link #secret}). */
        default E env(String name, String value) {
            return change(o -> o.withEnv(name, value));
        }

        /**
         * This electron with environment variable {@code name} filled from the Secrets Manager secret or SSM parameter
         * {@code arn} where its task runs, e.g. {@code .secret("DB_PASSWORD", "arn:aws:secretsmanager:...:secret:db")}.
         */
        default E secret(String name, String arn) {
            return change(o -> o.withSecret(name, arn));
        }

        /** Applies {@code change} to the options; a rejected value is reported with the electron it was given to. */
        private E change(UnaryOperator<ElectronOptions> change) {
            try {
                return options(change.apply(options()));
            } catch (WorkflowException e) {
                throw new WorkflowException(this + ": " + e.getMessage(), e);
            }
        }
    }
}
