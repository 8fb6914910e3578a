package io.ecslattice.executor.local;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.ElectronInvoker;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs electrons on a thread pool of this JVM through the task runner's {@link ElectronInvoker}: the same
 * code path as a child JVM minus the process, for fast tests. A task dies with its process, so a
 * handle from another process is reported as lost.
 */
final class InProcessRunner implements LocalExecutor.Runner {

    private final String executorName;
    private final ExecutorService pool;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A task's outcome and the pool's future for it, which can interrupt its thread. */
    private record Running(CompletableFuture<TaskOutcome> outcome, Future<?> task, TaskSpec spec) {
    }

    InProcessRunner(String executorName, int threads) {
        this.executorName = executorName;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "ecs-lattice-" + executorName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        String ref = "in-process-" + UUID.randomUUID();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ElectronInvoker invoker = new ElectronInvoker(loader);
        CompletableFuture<TaskOutcome> outcome = new CompletableFuture<>();
        Future<?> task = pool.submit(() -> {
            try {
                outcome.complete(new TaskOutcome(invoker.invoke(spec), Map.of()));
            } catch (RuntimeException | Error e) {
                outcome.completeExceptionally(e);
            }
        });
        running.put(ref, new Running(outcome, task, spec));
        return CompletableFuture.completedFuture(new TaskHandle(executorName, ref, Map.of("mode", "in_process")));
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        Running task = running.get(handle.ref());
        if (task != null) {
            // Forget the task once its awaiter has it; until then it must stay findable.
            return task.outcome().whenComplete((o, e) -> running.remove(handle.ref()));
        }
        TaskResult lost = new TaskResult(Wire.VERSION, "unknown", "unknown", null,
                new TaskError("LostTask", "in-process task " + handle.ref() + " ran inside a process that is gone; "
                        + "its result was never recorded", ""), "", "", Instant.now(), Instant.now());
        return CompletableFuture.completedFuture(new TaskOutcome(lost, Map.of()));
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        Running task = running.get(handle.ref());
        if (task != null) {
            // Interrupts the electron's thread; the task ends now, whether or not the electron heeds the interrupt.
            task.task().cancel(true);
            Instant now = Instant.now();
            task.outcome().complete(new TaskOutcome(new TaskResult(Wire.VERSION, task.spec().dispatchId(), task.spec().nodeId(), null,
                    new TaskError("Stopped", "in-process task " + handle.ref() + " was interrupted", ""), "", "", now, now), Map.of()));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        return List.of();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
