package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The poller reads a task's outcome as soon as its container exited, not after Fargate's STOPPING and
 * DEPROVISIONING. Unit test with real SDK response objects, so each state is shown exactly; the strict local
 * cloud plays the same states (StoppingTimelineTest in local-cloud).
 */
class TaskPollerStoppingTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void deprovisioningTaskWhoseContainerExitedIsDone() {
        Task deprovisioning = task("DEPROVISIONING", "STOPPED", Container.builder().lastStatus("STOPPED").exitCode(1).build());
        CompletableFuture<TaskPoller.Observation> watch = watch(deprovisioning);
        assertTrue(watch.isDone(), "desiredStatus STOPPED and the exit code known is enough");
        assertEquals(1, watch.join().task().containers().get(0).exitCode());
    }

    @Test
    void stoppingTaskWhoseContainerStillRunsIsNotDone() {
        assertFalse(watch(task("STOPPING", "STOPPED", Container.builder().lastStatus("RUNNING").build())).isDone(),
                "a cancelled task whose container was not yet killed has no outcome yet");
    }

    @Test
    void taskThatFailedToStartWaitsForStoppedAsItHasNoExitCode() {
        assertFalse(watch(task("DEPROVISIONING", "STOPPED", Container.builder().lastStatus("STOPPED").build())).isDone());
        assertTrue(watch(task("STOPPED", "STOPPED", Container.builder().lastStatus("STOPPED").build())).isDone());
    }

    private CompletableFuture<TaskPoller.Observation> watch(Task task) {
        TaskPoller poller = new TaskPoller(arns -> DescribeTasksResponse.builder().tasks(task).build(),
                Duration.ofHours(1), 3, scheduler);
        CompletableFuture<TaskPoller.Observation> watch = poller.whenStopped(task.taskArn());
        poller.poll();
        return watch;
    }

    private static Task task(String lastStatus, String desiredStatus, Container container) {
        return Task.builder().taskArn("arn:aws:ecs:us-east-1:1:task/c/" + lastStatus).lastStatus(lastStatus)
                .desiredStatus(desiredStatus).containers(container).build();
    }
}
