package io.ecslattice.executor.local;

import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskSpec;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** One electron in the local pool, from submit to outcome. Guarded by the {@link WorkerPoolRunner} that owns it. */
final class PoolTask {

    final String id;
    final TaskSpec spec;
    final String version;
    final String classpath;
    final Path dir;
    final CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
    WorkerJvm worker;
    boolean started;
    boolean cancelled;
    /** Set when the task's JVM died under it and it runs again on a fresh JVM: what happened the first time. */
    String infrastructureRetry;

    PoolTask(String id, TaskSpec spec, String version, String classpath, Path dir) {
        this.id = id;
        this.spec = spec;
        this.version = version;
        this.classpath = classpath;
        this.dir = dir;
    }
}
