package io.ecslattice.localcloud.agent;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's view of ECS (moto): which tasks want to run, and what their definitions say. */
public final class EcsControlPlane {
    private static final int DESCRIBE_BATCH = 100;
    private final EcsClient ecs;
    private final Map<String, TaskDefinition> definitions = new ConcurrentHashMap<>();

    public EcsControlPlane(EcsClient ecs) {
        this.ecs = ecs;
    }

    public List<String> clusterArns() {
        return ecs.listClustersPaginator(r -> { }).clusterArns().stream().toList();
    }

    /** ARNs of the cluster's tasks whose desired status is RUNNING. */
    public List<String> tasksWantingToRun(String clusterArn) {
        return ecs.listTasksPaginator(r -> r.cluster(clusterArn).desiredStatus(DesiredStatus.RUNNING))
                .taskArns().stream().toList();
    }

    public List<Task> describe(String clusterArn, List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < taskArns.size(); i += DESCRIBE_BATCH) {
            List<String> batch = taskArns.subList(i, Math.min(taskArns.size(), i + DESCRIBE_BATCH));
            tasks.addAll(ecs.describeTasks(r -> r.cluster(clusterArn).tasks(batch)).tasks());
        }
        return tasks;
    }

    /** The task definition, cached: a revision never changes. */
    public TaskDefinition taskDefinition(String arn) {
        return definitions.computeIfAbsent(arn,
                a -> ecs.describeTaskDefinition(r -> r.taskDefinition(a)).taskDefinition());
    }
}
