package io.ecslattice.localcloud.agent;

import com.github.dockerjava.api.model.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restarted agent finds and does, so no task is started twice or left hanging: containers an
 * earlier run started are adopted (followed to their exit and reported); tasks it had claimed but whose
 * container never got created end TaskFailedToStart, so the client can run them again. Only containers of
 * tasks in its own started-task list are its: another agent may share the Docker engine (a benchmark's
 * private region), and its containers are left alone.
 */
final class AgentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRecovery.class);
    private final EcsControlPlane ecs;
    private final ContainerRuntime runtime;
    private final TaskControl control;
    private final StartedTasks started;

    AgentRecovery(EcsControlPlane ecs, ContainerRuntime runtime, TaskControl control, StartedTasks started) {
        this.ecs = ecs;
        this.runtime = runtime;
        this.control = control;
        this.started = started;
    }

    /** Task ARN to container id of every left container whose task ECS still wants to run. */
    Map<String, String> containersToAdopt() {
        Map<String, String> adopt = new HashMap<>();
        for (Container container : runtime.taskContainers()) {
            String taskArn = container.getLabels().get(ContainerRuntime.TASK_ARN_LABEL);
            if (!started.contains(taskArn)) {
                continue; // another agent's (its state dir records it), on the same engine
            }
            Task task = describe(taskArn);
            if (task == null || containerReported(task)) {
                runtime.remove(container.getId()); // moto restarted or the task ended: nothing to report
            } else {
                adopt.put(taskArn, container.getId());
            }
        }
        return adopt;
    }

    /** Claimed (PENDING or RUNNING) tasks with no container: the earlier run died before creating it. */
    void failClaimedWithoutContainer(Map<String, String> adopted) {
        for (String cluster : ecs.clusterArns()) {
            List<String> arns = ecs.tasksWantingToRun(cluster).stream().filter(a -> !adopted.containsKey(a)).toList();
            if (arns.isEmpty()) {
                continue;
            }
            for (Task task : ecs.describe(cluster, arns)) {
                if (!"PROVISIONING".equals(task.lastStatus())) {
                    String reason = "ResourceInitializationError: the local agent restarted before the task's "
                            + "container was created";
                    LOG.info("task {} was claimed by an earlier agent run but has no container: {}",
                            task.taskArn(), reason);
                    control.stopped(task.taskArn(), "TaskFailedToStart", reason, null, reason);
                }
            }
        }
    }

    /** The task's container already stopped with its exit code (the task may still be deprovisioning). */
    private static boolean containerReported(Task task) {
        return "STOPPED".equals(task.lastStatus()) || "STOPPED".equals(task.desiredStatus())
                && task.containers().stream().allMatch(c -> "STOPPED".equals(c.lastStatus()));
    }

    private Task describe(String taskArn) {
        String cluster = taskArn.substring(0, taskArn.lastIndexOf('/')).replace(":task/", ":cluster/");
        try {
            List<Task> tasks = ecs.describe(cluster, List.of(taskArn));
            return tasks.isEmpty() ? null : tasks.get(0);
        } catch (RuntimeException e) {
            LOG.info("left container of {} has no task in ECS ({}); removing it", taskArn, e.getMessage());
            return null;
        }
    }
}
