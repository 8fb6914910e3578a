package io.ecslattice.executor.local;

import io.ecslattice.config.ConfigResolver;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.config.SettingsLayer;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.executor.TaskResources;
import io.ecslattice.wire.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs electrons on this machine in child JVMs that speak the same wire format as an ECS container: by
 * default on a pool of warm JVMs that each run many electrons ({@link WorkerPoolRunner}), with
 * {@code isolation = "jvm_per_task"} each in a fresh JVM ({@link ChildJvmRunner}); or, in {@code in_process}
 * mode, in this JVM ({@link InProcessRunner}) for fast tests.
 */
public final class LocalExecutor implements Executor {

    /** The ways of running an electron locally. */
    interface Runner extends AutoCloseable {
        CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context);

        CompletableFuture<TaskOutcome> await(TaskHandle handle);

        CompletableFuture<Void> cancel(TaskHandle handle);

        /** Stops the task without waiting for it to wind down (a child JVM is killed). */
        default CompletableFuture<Void> kill(TaskHandle handle) {
            return cancel(handle);
        }

        List<String> logs(TaskHandle handle, int maxLines);

        @Override
        void close();
    }

    private final String name;
    private final int maxInFlight;
    private final Runner runner;
    /** Fresh JVMs for electrons with an {@code .env(...)} of their own (a pool JVM's environment is fixed); null in process. */
    private final ChildJvmRunner envRunner;

    /** An executor called {@code name} with resolved {@link LocalSettings}. */
    public LocalExecutor(String name, ResolvedSettings settings) {
        this.name = name;
        this.maxInFlight = settings.get(LocalSettings.MAX_IN_FLIGHT);
        if (settings.get(LocalSettings.MODE).equals("in_process")) {
            this.runner = new InProcessRunner(name, maxInFlight);
            this.envRunner = null;
        } else {
            Path workDir = settings.get(LocalSettings.WORK_DIR);
            if (workDir == null) {
                workDir = RuntimeSettings.resolve().get(RuntimeSettings.DATA_DIR).resolve("tasks");
            }
            if (settings.get(LocalSettings.ISOLATION).equals("jvm_per_task")) {
                ChildJvmRunner children = new ChildJvmRunner(name, settings.get(LocalSettings.JAVA), settings.get(LocalSettings.JVM_OPTIONS),
                        workDir, settings.get(LocalSettings.STANDBY_JVM));
                this.runner = children;
                this.envRunner = children;
            } else {
                this.runner = pool(name, settings, workDir);
                this.envRunner = new ChildJvmRunner(name, settings.get(LocalSettings.JAVA), settings.get(LocalSettings.JVM_OPTIONS),
                        workDir, false);
            }
        }
    }

    private static Runner pool(String name, ResolvedSettings settings, Path workDir) {
        return new WorkerPoolRunner(name, settings.get(LocalSettings.JAVA), settings.get(LocalSettings.JVM_OPTIONS), workDir,
                settings.get(LocalSettings.MAX_IN_FLIGHT), settings.get(LocalSettings.WORKER_CONCURRENCY),
                settings.get(LocalSettings.POOL_IDLE_SECONDS));
    }

    /** An executor called {@code name} configured by builder values (camelCase or snake_case keys of {@link LocalSettings}). */
    public static LocalExecutor create(String name, Map<String, Object> values) {
        return new LocalExecutor(name, ConfigResolver.resolve(LocalSettings.TABLE, List.of(SettingsLayer.builder(values))));
    }

    /** An in-process executor called {@code name} running up to {@code maxInFlight} electrons at once. */
    public static LocalExecutor inProcess(String name, int maxInFlight) {
        return create(name, Map.of("mode", "in_process", "maxInFlight", maxInFlight));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        return runner.submit(spec, context);
    }

    /** An electron with an {@code .env(...)} of its own runs in a fresh JVM with that environment. */
    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context, TaskResources resources) {
        return resources.env().isEmpty() ? submit(spec, context) : envRunner.submit(spec, context, resources.env());
    }

    /**
     * Secrets are refused: ECS fetches them with the stack's execution role where the task runs, and this executor
     * has no such role to fetch them with; an {@code .env(...)} needs a child JVM.
     */
    @Override
    public Optional<String> resourcesProblem(TaskResources resources) {
        if (!resources.secrets().isEmpty()) {
            return Optional.of("secret(s) " + String.join(", ", new java.util.TreeSet<>(resources.secrets().keySet()))
                    + " cannot run on executor " + name + " (type local): the local executor does not fetch Secrets Manager"
                    + " or SSM values; give the value with .env(...) for local runs, or run the electron on an ecs executor");
        }
        if (!resources.env().isEmpty() && envRunner == null) {
            return Optional.of(".env(...) of " + String.join(", ", new java.util.TreeSet<>(resources.env().keySet()))
                    + " cannot run on executor " + name + " with mode=in_process: electrons share this JVM, whose environment"
                    + " cannot change; use mode=process");
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        return runnerOf(handle).await(handle);
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        return runnerOf(handle).cancel(handle);
    }

    /** Kills a child JVM (in-process: interrupts the electron's thread). */
    @Override
    public CompletableFuture<Void> stopForTimeout(TaskHandle handle, java.time.Duration limit) {
        return runnerOf(handle).kill(handle);
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        return runnerOf(handle).logs(handle, maxLines);
    }

    /** A fresh JVM's handle says whether it was started ahead; a pool electron's does not. */
    private Runner runnerOf(TaskHandle handle) {
        return envRunner != null && envRunner != runner && handle.details().containsKey("startedAhead") ? envRunner : runner;
    }

    @Override
    public void close() {
        runner.close();
        if (envRunner != null && envRunner != runner) {
            envRunner.close();
        }
    }
}
