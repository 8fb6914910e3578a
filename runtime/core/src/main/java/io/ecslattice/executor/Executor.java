package io.ecslattice.executor;

import io.ecslattice.wire.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs tasks somewhere: in this JVM, in a child JVM, or as ECS Fargate tasks. Every method is
 * asynchronous so thousands of tasks can be in flight without a thread each.
 *
 * <p>The dispatcher stores the {@link TaskHandle} that {@link #submit} returns before it awaits the
 * task, so a process that takes over a dispatch after a crash can {@link #await} the same task again
 * instead of starting a second one.
 */
public interface Executor extends AutoCloseable {

    /** The name this executor is known by in the config file and in the results store, e.g. {@code local}. */
    String name();

    /** How many tasks of this executor may run at once; the dispatcher holds the rest back. */
    int maxInFlight();

    /**
     * Checks settings and prepares shared resources (image, task definition) once per dispatch, before
     * any task is submitted. Fails with a message naming the bad setting before anything is started.
     */
    default CompletableFuture<Void> prepare(TaskContext context) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Starts one task. Completes once the task has been handed over (for ECS: RunTask returned), with
     * the handle that identifies it; does not wait for the task to finish. The dispatcher sends
     * {@code spec.resultUri()} empty: the executor decides where its task writes the result (a
     * {@code file://} path, an {@code s3://} key) and sends a copy of the spec with that URI. A node that
     * was made ready but whose handle was never stored is submitted again after a takeover with the
     * same {@code attempt}, so an executor with idempotent starts (an ECS clientToken built from
     * dispatch, node and attempt) starts it at most once.
     */
    CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context);

    /**
     * Starts one task with resources of its own (an electron's {@code .vcpu(1).memory(2)}), checked before by
     * {@link #resourcesProblem}. Executors without such a notion run it as {@link #submit(TaskSpec, TaskContext)}.
     */
    default CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context, TaskResources resources) {
        return submit(spec, context);
    }

    /**
     * Why this executor cannot run a task with {@code resources} (a sentence naming the bad value and the
     * valid ones), or empty when it can. Called for every node at dispatch, before anything is recorded.
     */
    default Optional<String> resourcesProblem(TaskResources resources) {
        return Optional.empty();
    }

    /**
     * Stops a task that ran longer than its electron's timeout {@code limit}; harder than {@link #cancel}
     * where the executor can tell the difference (a child JVM is killed), and saying why where it records a
     * reason (an ECS task's stoppedReason).
     */
    default CompletableFuture<Void> stopForTimeout(TaskHandle handle, Duration limit) {
        return cancel(handle);
    }

    /**
     * Completes when the task stops, with its result: the electron's value or error as the task wrote
     * it, or an error the executor synthesized when the task died without a result. Works for handles
     * stored by another process.
     */
    CompletableFuture<TaskOutcome> await(TaskHandle handle);

    /**
     * The dispatch has ended in this process and none of its tasks is awaited any more: the executor may
     * release what it kept for the dispatch (the ECS pool deletes the dispatch's completion queue).
     */
    default void dispatchEnded(String dispatchId) {
    }

    /** Stops the task if it still runs; completes when the stop has been requested. */
    CompletableFuture<Void> cancel(TaskHandle handle);

    /** The newest {@code maxLines} lines the task printed, read from wherever the executor keeps them. */
    List<String> logs(TaskHandle handle, int maxLines);

    /** Releases clients and threads. */
    @Override
    void close();
}
