package io.ecslattice.localcloud.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the agent needs to run one task's container, read from the task, its task definition
 * and its overrides.
 *
 * @param taskArn        the task
 * @param taskId         the last part of the ARN (used in the log stream name)
 * @param containerName  the container definition's name
 * @param image          the image as the task definition names it (an ECR URI on AWS)
 * @param entryPoint     the entry point, empty for the image's own
 * @param command        the command after overrides, empty for the image's own
 * @param environment    environment after overrides
 * @param workingDirectory working directory, or null for the image's
 * @param user           user, or null for the image's
 * @param cpuUnits       CPU units (1024 = one vCPU), 0 when unlimited
 * @param memoryMiB      hard memory limit in MiB, 0 when unlimited
 * @param stopTimeout    SIGTERM to SIGKILL grace when the task is stopped
 * @param logs           where the container's output goes, if the definition has awslogs
 * @param cpuArchitecture the task definition's runtimePlatform cpuArchitecture (X86_64 when it names none)
 * @param secrets        the container definition's secrets: environment variable name to the ARN its value comes from
 */
public record TaskLaunch(String taskArn, String taskId, String containerName, String image,
                         List<String> entryPoint, List<String> command, Map<String, String> environment,
                         String workingDirectory, String user, int cpuUnits, int memoryMiB,
                         Duration stopTimeout, Optional<LogDestination> logs, String cpuArchitecture,
                         Map<String, String> secrets) {

    public TaskLaunch {
        entryPoint = List.copyOf(entryPoint);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        secrets = Map.copyOf(secrets);
    }

    /** This launch with the secrets' fetched values in its environment, as the container gets them. */
    public TaskLaunch withSecretValues(Map<String, String> values) {
        Map<String, String> all = new java.util.LinkedHashMap<>(environment);
        all.putAll(values);
        return new TaskLaunch(taskArn, taskId, containerName, image, entryPoint, command, all, workingDirectory, user,
                cpuUnits, memoryMiB, stopTimeout, logs, cpuArchitecture, Map.of());
    }

    /**
     * The awslogs settings of a container, and the stream ECS's awslogs driver would write to.
     *
     * @param group       awslogs-group
     * @param stream      `prefix/container-name/task-id`
     * @param createGroup awslogs-create-group
     */
    public record LogDestination(String group, String stream, boolean createGroup) {
    }
}
