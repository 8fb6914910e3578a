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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs electrons on a thread pool of this JVM through the task runner's {@link ElectronInvoker}: the same
 * code path as a child JVM minus the process, for fast tests. A task dies with its process, so a
 * handle from another process is reported as lost. Cancelling interrupts the electron's thread, as stopping
 * a child JVM or an ECS task stops its electron.
 */
final class InProcessRunner implements LocalExecutor.Runner {

    private final String executorName;
    private final ExecutorService pool;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A submitted electron: its spec, its thread's future (to interrupt it) and its outcome; {@code claimed} once it starts or is cancelled. */
    private record Running(CompletableFuture<TaskOutcome> outcome, AtomicBoolean claimed, Future<?> thread, TaskSpec spec) {
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
        AtomicBoolean claimed = new AtomicBoolean();
        Future<?> thread = pool.submit(() -> {
            if (!claimed.compareAndSet(false, true)) {
                return; // cancelled before it started
            }
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            // The electron sees the loader of its own classes, as it would as the main code of a child JVM.
            current.setContextClassLoader(loader);
            try {
                outcome.complete(new TaskOutcome(invoker.invoke(spec), Map.of()));
            } catch (RuntimeException | Error e) {
                outcome.completeExceptionally(e);
            } finally {
                current.setContextClassLoader(previous);
            }
        });
        running.put(ref, new Running(outcome, claimed, thread, spec));
        return CompletableFuture.completedFuture(new TaskHandle(executorName, ref, Map.of("mode", "in_process")));
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        Running task = running.get(handle.ref());
        if (task != null) {
            // Forget the task once its awaiter has it; until then it must stay findable.
            return task.outcome().whenComplete((o, e) -> running.remove(handle.ref()));
        }
        return CompletableFuture.completedFuture(new TaskOutcome(stopped(handle, "LostTask", "in-process task " + handle.ref()
                + " ran inside a process that is gone; its result was never recorded"), Map.of()));
    }

    /** Interrupts the electron if it runs; its task ends now as Stopped, whether or not the electron heeds the interrupt. */
    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        Running task = running.get(handle.ref());
        if (task != null) {
            if (task.claimed().compareAndSet(false, true)) {
                task.outcome().complete(new TaskOutcome(stopped(handle, "Cancelled", "in-process task " + handle.ref()
                        + " was cancelled before it started"), Map.of()));
            }
            task.thread().cancel(true);
            // The task ends now, whether or not the electron heeds the interrupt (a timeout must stop it).
            Instant now = Instant.now();
            task.outcome().complete(new TaskOutcome(new TaskResult(Wire.VERSION, task.spec().dispatchId(), task.spec().nodeId(), null,
                    new TaskError("Stopped", "in-process task " + handle.ref() + " was interrupted", ""), "", "", now, now), Map.of()));
        }
        return CompletableFuture.completedFuture(null);
    }

    private static TaskResult stopped(TaskHandle handle, String type, String message) {
        return new TaskResult(Wire.VERSION, "unknown", "unknown", null, new TaskError(type, message, ""), "", "",
                Instant.now(), Instant.now());
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
