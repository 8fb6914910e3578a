package io.ecslattice.localcloud.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The local agent checks the image's platform against the task definition's cpuArchitecture, as Fargate
 * (whose ARM64 tasks run on ARM hosts and pull the linux/arm64 image) fails a task whose image has no such
 * variant: the task stops with TaskFailedToStart and no container runs.
 */
@Tag("local-cloud")
@Timeout(180)
class ImagePlatformTest extends LocalAgentTestBase {

    @Test
    void anArm64TaskDefinitionNamingAnAmd64ImageFailsToStart() {
        String definition = ecs.registerTaskDefinition(r -> r.family(PREFIX + "-arm")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .runtimePlatform(p -> p.cpuArchitecture(CPUArchitecture.ARM64).operatingSystemFamily("LINUX"))
                .containerDefinitions(c -> c.name("main").image(echoImage).essential(true)
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                                "awslogs-group", cloud.output("EcsTaskLogGroupName"), "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", PREFIX)))))
                .taskDefinition().taskDefinitionArn();

        String arn = ecs.runTask(request(definition, List.of("1", "0")).build()).tasks().get(0).taskArn();
        Task stopped = await(arn, t -> "STOPPED".equals(t.lastStatus()));

        assertEquals("TaskFailedToStart", stopped.stopCodeAsString(), stopped.stoppedReason());
        assertTrue(stopped.stoppedReason().startsWith("CannotPullContainerError: image Manifest does not contain descriptor"
                + " matching platform 'linux/arm64'"), stopped.stoppedReason());
        assertTrue(stopped.stoppedReason().contains("is linux/amd64"), stopped.stoppedReason());
        assertNull(stopped.startedAt(), "no container started");
    }
}
