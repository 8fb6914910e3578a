package io.ecslattice.executor.ecs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** The one class that calls ECS: task definitions, RunTask, DescribeTasks, StopTask. */
final class EcsTasks {
    private static final Logger LOG = LoggerFactory.getLogger(EcsTasks.class);
    /** RunTask's {@code startedBy}: "up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slash (/), and underscores (_)". */
    /** The {@code startedBy} of a task-mode electron's task. */
    static final String ELECTRON_STARTED_BY = "ecs-lattice";
    static final java.util.regex.Pattern STARTED_BY = java.util.regex.Pattern.compile("[A-Za-z0-9/_-]{1,128}");

    private final EcsClient client;
    private final EcsSettings settings;
    private final Backoff backoff;

    EcsTasks(EcsClient client, EcsSettings settings, Backoff backoff) {
        this.client = client;
        this.settings = settings;
        this.backoff = backoff;
    }

    /**
     * The ARN of an ACTIVE task definition with this content, registering it only when none exists.
     * Safe when several clients do this at once: ECS refuses concurrent registrations of one family
     * ("Too many concurrent attempts to create a new revision"), so a refusal is retried after a
     * backoff, looking first whether the other client's registration is now there.
     */
    String ensureTaskDefinition(TaskDefinitionSpec spec) {
        String family = spec.family();
        for (int attempt = 1; ; attempt++) {
            Optional<String> existing = describe(family);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                String arn = register(spec, family);
                LOG.info("registered task definition {}", arn);
                return arn;
            } catch (ClientException e) {
                boolean concurrent = e.getMessage() != null && e.getMessage().contains("concurrent");
                if (!concurrent || attempt >= settings.runTaskMaxAttempts()) {
                    throw e;
                }
                backoff.sleep(attempt, "RegisterTaskDefinition of " + family + " refused as concurrent");
            }
        }
    }

    private Optional<String> describe(String family) {
        try {
            TaskDefinition definition = client.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition();
            return definition.status() == TaskDefinitionStatus.ACTIVE
                    ? Optional.of(definition.taskDefinitionArn()) : Optional.empty();
        } catch (ClientException e) {
            // ECS answers an unknown family with ClientException "Unable to describe task definition".
            return Optional.empty();
        }
    }

    private String register(TaskDefinitionSpec spec, String family) {
        return client.registerTaskDefinition(r -> r
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(String.valueOf(spec.size().cpuUnits()))
                .memory(String.valueOf(spec.size().memoryMiB()))
                .executionRoleArn(spec.executionRoleArn())
                .taskRoleArn(spec.taskRoleArn())
                .runtimePlatform(p -> p.cpuArchitecture(spec.cpuArchitecture()).operatingSystemFamily("LINUX"))
                .containerDefinitions(ContainerDefinition.builder()
                        .name(TaskDefinitionSpec.CONTAINER)
                        .image(spec.image())
                        .essential(true)
                        // Plain env here, not in RunTask's overrides: their 8192 characters are the task spec's, and
                        // pool workers started with their own overrides get it too. Secrets can only be here.
                        .environment(spec.environment().env().entrySet().stream()
                                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                        .secrets(spec.environment().secrets().entrySet().stream()
                                .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList())
                        .memory(spec.size().memoryMiB())
                        .logConfiguration(LogConfiguration.builder()
                                .logDriver(LogDriver.AWSLOGS)
                                .options(Map.of("awslogs-group", spec.logGroup(),
                                        "awslogs-region", spec.region(),
                                        "awslogs-stream-prefix", TaskDefinitionSpec.LOG_STREAM_PREFIX))
                                .build())
                        .build()))
                .taskDefinition().taskDefinitionArn();
    }

    /** One RunTask call on the executor's capacity (Fargate or Fargate Spot); the caller retries capacity failures. */
    RunTaskResponse runTask(String taskDefinitionArn, String clientToken, Map<String, String> environment,
                            Map<String, String> tags) {
        return runTask(taskDefinitionArn, clientToken, environment, tags, null);
    }

    /** One RunTask call; {@code spot} chooses Fargate Spot over Fargate, null takes the executor's setting. */
    RunTaskResponse runTask(String taskDefinitionArn, String clientToken, Map<String, String> environment,
                            Map<String, String> tags, Boolean spot) {
        return runTasks(taskDefinitionArn, 1, ELECTRON_STARTED_BY, clientToken, environment, tags, spot);
    }

    /**
     * One RunTask call starting {@code count} (at most 10) identical tasks, found again by {@code startedBy};
     * {@code spot} chooses Fargate Spot over Fargate, null takes the executor's setting.
     */
    RunTaskResponse runTasks(String taskDefinitionArn, int count, String startedBy, String clientToken,
                             Map<String, String> environment, Map<String, String> tags, Boolean spot) {
        if (count < 1 || count > 10) {
            throw new IllegalArgumentException("RunTask starts 1 to 10 tasks a call, asked for " + count);
        }
        if (!STARTED_BY.matcher(startedBy).matches()) {
            throw new IllegalArgumentException("startedBy '" + startedBy + "' is not one ECS takes: up to 128 letters,"
                    + " digits, '-', '/' and '_' (RunTask API reference)");
        }
        RunTaskRequest.Builder request = RunTaskRequest.builder()
                .cluster(settings.ecsClusterName())
                .taskDefinition(taskDefinitionArn)
                .count(count)
                .clientToken(clientToken)
                .startedBy(startedBy)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v
                        .subnets(settings.ecsTaskSubnetIds())
                        .securityGroups(settings.ecsTaskSecurityGroupId())
                        .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .overrides(o -> o.containerOverrides(c -> c
                        .name(TaskDefinitionSpec.CONTAINER)
                        .environment(environment.entrySet().stream()
                                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
                                .toList())))
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
        if (spot == null ? settings.fargateSpot() : spot) {
            // AWS rejects launchType together with a capacity provider strategy.
            request.capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1));
        } else {
            request.launchType(LaunchType.FARGATE);
        }
        return client.runTask(request.build());
    }

    /** The task definition {@code arn} as ECS holds it. */
    TaskDefinition taskDefinition(String arn) {
        return client.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
    }

    /** DescribeTasks of at most 100 tasks. */
    DescribeTasksResponse describeTasks(List<String> taskArns) {
        if (taskArns.size() > 100) {
            throw new IllegalArgumentException("DescribeTasks takes at most 100 tasks, got " + taskArns.size());
        }
        return client.describeTasks(r -> r.cluster(settings.ecsClusterName()).tasks(taskArns));
    }

    /**
     * The ARNs of the tasks started with {@code startedBy} that are meant to run (pending or running). ECS
     * refuses {@code startedBy} beside any other filter ("cannot specify startedBy with other arguments"), and
     * a ListTasks without {@code desiredStatus} lists the tasks whose desired status is RUNNING: one call, the
     * same answer.
     */
    List<String> runningStartedBy(String startedBy) {
        List<String> arns = new java.util.ArrayList<>();
        client.listTasksPaginator(r -> r.cluster(settings.ecsClusterName()).startedBy(startedBy))
                .forEach(page -> arns.addAll(page.taskArns()));
        return arns;
    }

    /** Asks ECS to stop the task; ECS records the reason as the task's stoppedReason. */
    void stopTask(String taskArn, String reason) {
        client.stopTask(r -> r.cluster(settings.ecsClusterName()).task(taskArn).reason(reason));
    }
}
