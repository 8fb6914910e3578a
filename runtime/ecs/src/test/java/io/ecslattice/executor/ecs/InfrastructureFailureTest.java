package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecslattice.executor.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which stopped tasks are worth a second attempt: the stop codes and reasons ECS reports for Fargate (its
 * "Stopped tasks error codes" page), read as the executor reads DescribeTasks.
 */
class InfrastructureFailureTest {

    @ParameterizedTest(name = "{0} / {1} / exit {2}: retried={3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "SpotInterruption|Your Spot Task was interrupted.|143|true",
        "TerminationNotice|Task stopped because the underlying host was retired.|-|true",
        "TaskFailedToStart|ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed|-|true",
        "TaskFailedToStart|Timeout waiting for network interface provisioning to complete.|-|true",
        "TaskFailedToStart|CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref: dial tcp 52.1.2.3:443: i/o timeout|-|true",
        "TaskFailedToStart|CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code: 404 Not Found|-|false",
        "TaskFailedToStart|CannotPullContainerError: pull access denied for repo, repository does not exist|-|false",
        "EssentialContainerExited|Essential container in task exited|1|false",
        "UserInitiated|Cancelled by ecs-lattice|137|false",
    })
    void spotAndTransientStartFailuresAreRetriedOthersAreNot(String stopCode, String reason, String exitCode, boolean retried) {
        Map<String, String> details = new LinkedHashMap<>(Map.of("taskArn", "arn:aws:ecs:us-east-1:1:task/c/t",
                "stopCode", stopCode, "stoppedReason", reason));
        if (exitCode != null) {
            details.put("exitCode", exitCode);
        }
        TaskOutcome outcome = StoppedTaskReport.outcome("d", "n", details, Optional.empty(), List::of);

        assertEquals(retried, outcome.infrastructureFailure().isPresent(), outcome.details().toString());
        if (retried) {
            assertEquals(stopCode + ": " + reason, outcome.infrastructureFailure().get());
        }
    }

    @ParameterizedTest(name = "a task that wrote a result is never retried: {0}")
    @CsvSource({"SpotInterruption", "TaskFailedToStart"})
    void taskThatWroteAResultIsNeverRetried(String stopCode) {
        byte[] result = ("{\"wireVersion\":" + io.ecslattice.wire.Wire.VERSION + ",\"dispatchId\":\"d\",\"nodeId\":\"n\","
                + "\"value\":9,\"stdout\":\"\",\"stderr\":\"\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TaskOutcome outcome = StoppedTaskReport.outcome("d", "n", Map.of("stopCode", stopCode,
                "stoppedReason", "Your Spot Task was interrupted."), Optional.of(result), List::of);
        assertEquals(Optional.empty(), outcome.infrastructureFailure());
    }
}
