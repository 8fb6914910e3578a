package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.executor.TaskResources;
import io.ecslattice.wire.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One way the ECS executor runs an electron: as a Fargate task of its own ({@link TaskMode}) or on a warm worker of
 * a pool ({@link PoolMode}). {@link EcsExecutor} submits through the mode its settings name and hands each stored
 * handle to the mode that made it, so a handle outlives a change of {@code mode}.
 *
 * @param <H> the handle of the mode's electrons
 */
interface Mode<H extends EcsHandle> extends AutoCloseable {

    /** Starts the electron; completes once it is handed over (RunTask returned, SQS took the message). */
    CompletableFuture<H> submit(TaskSpec spec, TaskContext context, TaskResources resources);

    /** Completes with the electron's outcome; works for handles stored by another process. */
    CompletableFuture<TaskOutcome> await(H handle);

    /** Stops the electron if it still runs. */
    CompletableFuture<Void> cancel(H handle);

    /** Stops an electron that ran past its timeout {@code limit}, saying so where the mode records a reason. */
    CompletableFuture<Void> stopForTimeout(H handle, Duration limit);

    /** The newest lines the electron printed, or where to find them. */
    List<String> logs(H handle, int maxLines);

    /** The dispatch ended in this process: release what the mode kept for it. */
    default void dispatchEnded(String dispatchId) {
    }

    /** Stops the mode's own threads and loops; the executor closes the shared ones. */
    @Override
    void close();
}
