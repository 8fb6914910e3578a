package io.ecslattice.executor.local;

import io.ecslattice.config.ConfigResolver;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.config.SettingsLayer;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** An executor called {@code name} with resolved {@link LocalSettings}. */
    public LocalExecutor(String name, ResolvedSettings settings) {
        this.name = name;
        this.maxInFlight = settings.get(LocalSettings.MAX_IN_FLIGHT);
        if (settings.get(LocalSettings.MODE).equals("in_process")) {
            this.runner = new InProcessRunner(name, maxInFlight);
        } else {
            Path workDir = settings.get(LocalSettings.WORK_DIR);
            if (workDir == null) {
                workDir = RuntimeSettings.resolve().get(RuntimeSettings.DATA_DIR).resolve("tasks");
            }
            if (settings.get(LocalSettings.ISOLATION).equals("jvm_per_task")) {
                this.runner = new ChildJvmRunner(name, settings.get(LocalSettings.JAVA), settings.get(LocalSettings.JVM_OPTIONS), workDir,
                        settings.get(LocalSettings.STANDBY_JVM));
            } else {
                this.runner = pool(name, settings, workDir);
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

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        return runner.await(handle);
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        return runner.cancel(handle);
    }

    /** Kills a child JVM (in-process: interrupts the electron's thread). */
    @Override
    public CompletableFuture<Void> stopForTimeout(TaskHandle handle, java.time.Duration limit) {
        return runner.kill(handle);
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        return runner.logs(handle, maxLines);
    }

    @Override
    public void close() {
        runner.close();
    }
}
