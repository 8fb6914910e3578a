package io.ecslattice.localcloud.agent;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/** Makes the {@link TaskRun} of a task: its definition read, overrides applied, image mapped. */
final class TaskRunFactory {
    private final EcsControlPlane ecs;
    private final LaunchPlanner planner;
    private final ImageMapping images;
    private final ContainerRuntime runtime;
    private final CloudWatchLogsClient logs;
    private final TaskControl control;
    private final LogFlusher flusher;
    private final TaskSecrets secrets;

    TaskRunFactory(EcsControlPlane ecs, LaunchPlanner planner, ImageMapping images, ContainerRuntime runtime,
                   CloudWatchLogsClient logs, TaskControl control, LogFlusher flusher, TaskSecrets secrets) {
        this.secrets = secrets;
        this.ecs = ecs;
        this.planner = planner;
        this.images = images;
        this.runtime = runtime;
        this.logs = logs;
        this.control = control;
        this.flusher = flusher;
    }

    TaskRun create(Task task) {
        TaskLaunch launch = planner.plan(task, ecs.taskDefinition(task.taskDefinitionArn()));
        return new TaskRun(launch, images.localReference(launch.image()), runtime, logs, control, flusher, secrets);
    }
}
