package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.executor.TaskOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Unit test, because the local cloud cannot show it: moto never lists unknown ARNs under
 * DescribeTasks' {@code failures} (LOCAL-CLOUD-NOTES.md), while ECS answers {@code MISSING} for a task it
 * has forgotten (stopped long ago) or not yet indexed (just after RunTask). The poller gets real SDK
 * response objects from a function instead of HTTP.
 */
class TaskPollerMissingTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void taskReportedMissingFailsOnlyAfterRepeatedPollsWithTheReason() {
        List<List<String>> calls = new ArrayList<>();
        TaskPoller poller = new TaskPoller(arns -> {
            calls.add(arns);
            return DescribeTasksResponse.builder().failures(Failure.builder().arn(arns.get(0)).reason("MISSING").build()).build();
        }, Duration.ofHours(1), 3, scheduler);
        CompletableFuture<TaskPoller.Observation> watch = poller.whenStopped("arn:aws:ecs:us-east-1:1:task/c/abc");

        poller.poll();
        poller.poll();
        assertFalse(watch.isDone(), "a task missing for a moment after RunTask is not failed yet");
        poller.poll();

        TaskPoller.Observation seen = watch.join();
        assertNull(seen.task());
        assertEquals("MISSING", seen.failure().reason());
        assertEquals(0, poller.watching());
        Map<String, String> details = StoppedTaskReport.details(Map.of("taskArn", "arn:aws:ecs:us-east-1:1:task/c/abc",
                "logGroup", "g", "logStream", "s"), seen);
        TaskOutcome outcome = StoppedTaskReport.outcome("d", "n", details, Optional.empty(), () -> List.of("last line"));
        assertEquals("TaskMissing", outcome.result().error().type());
        assertTrue(outcome.result().error().message().contains("ECS failure: MISSING"), outcome.result().error().message());
        assertTrue(outcome.result().error().message().contains("last line"));
    }

    @Test
    void aMissingAnswerFollowedByTheTaskResetsTheCount() {
        int[] round = {0};
        TaskPoller poller = new TaskPoller(arns -> {
            round[0]++;
            if (round[0] == 3) {
                return DescribeTasksResponse.builder().tasks(Task.builder().taskArn(arns.get(0)).lastStatus("RUNNING").build()).build();
            }
            return DescribeTasksResponse.builder().failures(Failure.builder().arn(arns.get(0)).reason("MISSING").build()).build();
        }, Duration.ofHours(1), 3, scheduler);
        CompletableFuture<TaskPoller.Observation> watch = poller.whenStopped("arn:t");
        for (int i = 0; i < 4; i++) {
            poller.poll();
        }
        assertFalse(watch.isDone(), "two MISSING, seen RUNNING, then one MISSING: not failed");
    }

    @Test
    void pollsAllTasksInBatchesOfAHundred() {
        List<Integer> batchSizes = new ArrayList<>();
        TaskPoller poller = new TaskPoller(arns -> {
            batchSizes.add(arns.size());
            return DescribeTasksResponse.builder().tasks(arns.stream()
                    .map(a -> Task.builder().taskArn(a).lastStatus("STOPPED").build()).toList()).build();
        }, Duration.ofHours(1), 3, scheduler);
        List<CompletableFuture<TaskPoller.Observation>> watches = IntStream.range(0, 250)
                .mapToObj(i -> poller.whenStopped("arn:task/" + i)).toList();
        poller.poll();
        assertEquals(List.of(100, 100, 50), batchSizes);
        assertTrue(watches.stream().allMatch(CompletableFuture::isDone));
    }
}
