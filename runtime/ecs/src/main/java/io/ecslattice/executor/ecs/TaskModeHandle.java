package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An electron running as a Fargate task of its own ({@link TaskMode}).
 *
 * @param taskArn               the task, as RunTask returned it
 * @param infrastructureRetries the RunTask capacity failures retried inside this attempt, or null when there were none
 * @param resources             the electron's own resources (e.g. {@code vcpu=1, memory=2}), or null when it has the executor's
 * @param resultUri             where the task writes its result
 * @param logStream             the task's CloudWatch log stream in {@code logGroup}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TaskModeHandle(String taskArn, String infrastructureRetries, String resources, String dispatchId, String nodeId,
                      String cluster, String region, String resultUri, String logGroup, String logStream) implements EcsHandle {

    TaskModeHandle {
        Objects.requireNonNull(taskArn, "taskArn");
    }

    @JsonIgnore
    @Override
    public String ref() {
        return taskArn;
    }
}
