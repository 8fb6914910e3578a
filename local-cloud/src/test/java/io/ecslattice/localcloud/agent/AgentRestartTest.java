package io.ecslattice.localcloud.agent;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.model.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent killed with SIGKILL while tasks run, then started again by make local-cloud-up: every task
 * still ends with its exit code, every line reaches its log stream exactly once, nothing runs twice.
 */
@Tag("local-cloud")
@Timeout(240)
class AgentRestartTest extends LocalAgentTestBase {

    @Test
    void killedAgentRestartsAndFinishesItsTasksWithoutStartingAnyTwice() throws Exception {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            arns.add(run(List.of("2", String.valueOf(i), "4000"), null).taskArn());
        }
        for (String arn : arns) {
            Task task = await(arn, t -> "RUNNING".equals(t.lastStatus()) || "STOPPED".equals(t.lastStatus()));
            assertEquals("RUNNING", task.lastStatus(), arn + " stopped early: " + task.stoppedReason());
        }
        arns.forEach(LocalAgentTestBase::awaitFirstLine); // some lines are shipped before the kill, the rest after

        killAgent();
        localCloudUp();

        for (int i = 0; i < arns.size(); i++) {
            Task stopped = await(arns.get(i), t -> "STOPPED".equals(t.lastStatus()));
            assertEquals(i, stopped.containers().get(0).exitCode(), arns.get(i));
            assertEquals(List.of("echo 1 of 2", "echo 2 of 2", "slept 4000 ms"),
                    logEvents(arns.get(i)).stream().map(OutputLogEvent::message).toList(), arns.get(i));
        }
        List<String> startedFile = Files.readAllLines(stateDir().resolve("agent-started-tasks"));
        for (String arn : arns) {
            assertEquals(1, startedFile.stream().filter(arn::equals).count(), arn + " recorded once");
        }
    }

    private static void killAgent() throws Exception {
        long pid = Long.parseLong(Files.readString(stateDir().resolve("agent.pid")).trim());
        ProcessHandle agent = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no agent pid " + pid));
        assertTrue(agent.info().commandLine().orElse("").contains("LocalEcsAgent"), "pid " + pid + " is the agent");
        agent.destroyForcibly();
        agent.onExit().get(10, TimeUnit.SECONDS);
    }

    private static void localCloudUp() throws Exception {
        Path script = LocalCloud.repoRoot().resolve("local-cloud/scripts/local-cloud.sh");
        Process up = new ProcessBuilder(script.toString(), "up").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(up.waitFor(120, TimeUnit.SECONDS), "local-cloud.sh up within 120 s");
        assertEquals(0, up.exitValue(), "local-cloud.sh up exit code");
    }

    private static Path stateDir() {
        return Path.of(cloud.env().get("ECS_LATTICE_LOCAL_CLOUD_DIR"));
    }
}
