package io.ecslattice.executor.ecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The executor's one poller: every {@code poll_freq} it asks DescribeTasks about all watched tasks,
 * 100 a call, and completes the watch of each task that has stopped. Thousands of tasks in flight cost
 * tens of calls a period, not one call per task.
 */
final class TaskPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskPoller.class);
    static final int BATCH = 100;

    /**
     * What the poller saw: the stopped task, or the failure ECS reported for it instead
     * (e.g. {@code MISSING} for a task it no longer knows).
     */
    record Observation(Task task, Failure failure) {
    }

    private final Function<List<String>, DescribeTasksResponse> describe;
    private final int missingLimit;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> schedule;

    private static final class Watch {
        final CompletableFuture<Observation> stopped = new CompletableFuture<>();
        int missing;
    }

    /**
     * @param missingLimit how many polls in a row a task may be reported MISSING before its watch
     *                     completes with the failure; ECS can miss a task for a moment after RunTask
     */
    TaskPoller(Function<List<String>, DescribeTasksResponse> describe, Duration period, int missingLimit,
               ScheduledExecutorService scheduler) {
        this.describe = describe;
        this.missingLimit = missingLimit;
        this.schedule = scheduler.scheduleWithFixedDelay(this::pollQuietly, period.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Completes when the task's outcome is readable ({@link #resultReadable}), or when ECS keeps reporting a failure for it. */
    CompletableFuture<Observation> whenStopped(String taskArn) {
        return watches.computeIfAbsent(taskArn, arn -> new Watch()).stopped;
    }

    /** Number of tasks being watched. */
    int watching() {
        return watches.size();
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The SDK already retried; the tasks keep running, so try again next period.
            LOG.warn("DescribeTasks failed, retrying next period: {}", e.getMessage());
        }
    }

    /**
     * Whether the task's outcome can be read: STOPPED, or on its way there (desiredStatus STOPPED) with every
     * container stopped and its exit code known. Fargate spends STOPPING and DEPROVISIONING (detaching the network
     * interface) after the container exited; the result is written by then, so waiting for them only adds latency.
     */
    static boolean resultReadable(Task task) {
        return "STOPPED".equals(task.lastStatus())
                || "STOPPED".equals(task.desiredStatus()) && !task.containers().isEmpty()
                && task.containers().stream().allMatch(c -> "STOPPED".equals(c.lastStatus()) && c.exitCode() != null);
    }

    /** One round: every watched task, in batches of {@link #BATCH}. */
    void poll() {
        List<String> arns = new ArrayList<>(watches.keySet());
        for (int from = 0; from < arns.size(); from += BATCH) {
            DescribeTasksResponse response = describe.apply(arns.subList(from, Math.min(arns.size(), from + BATCH)));
            for (Task task : response.tasks()) {
                Watch watch = watches.get(task.taskArn());
                if (watch != null) {
                    watch.missing = 0;
                    if (resultReadable(task)) {
                        watches.remove(task.taskArn());
                        watch.stopped.complete(new Observation(task, null));
                    }
                }
            }
            for (Failure failure : response.failures()) {
                Watch watch = watches.get(failure.arn());
                if (watch != null && ++watch.missing >= missingLimit) {
                    watches.remove(failure.arn());
                    watch.stopped.complete(new Observation(null, failure));
                }
            }
        }
    }

    @Override
    public void close() {
        schedule.cancel(false);
        watches.values().forEach(w -> w.stopped.cancel(false));
    }
}
