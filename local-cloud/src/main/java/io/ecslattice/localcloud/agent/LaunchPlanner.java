package io.ecslattice.localcloud.agent;

import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a task and its definition into a {@link TaskLaunch}: overrides applied as ECS applies them
 * (command replaces, environment merges by name, task-level cpu/memory replace the definition's).
 * Only the first container definition runs: moto models one container per task.
 */
public final class LaunchPlanner {
    private final Duration defaultStopTimeout;
    private final Map<String, String> injectedEnvironment;

    /**
     * @param injectedEnvironment what every container gets (endpoint, region, dummy credentials) so
     *                            the task's own AWS calls reach moto; the task's own values win
     */
    public LaunchPlanner(Duration defaultStopTimeout, Map<String, String> injectedEnvironment) {
        this.defaultStopTimeout = defaultStopTimeout;
        this.injectedEnvironment = Map.copyOf(injectedEnvironment);
    }

    public TaskLaunch plan(Task task, TaskDefinition definition) {
        ContainerDefinition container = definition.containerDefinitions().get(0);
        TaskOverride overrides = task.overrides() == null ? TaskOverride.builder().build() : task.overrides();
        ContainerOverride override = overrides.containerOverrides().stream()
                .filter(o -> container.name().equals(o.name())).findFirst()
                .orElse(ContainerOverride.builder().build());
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        Map<String, String> environment = new LinkedHashMap<>(injectedEnvironment);
        environment.put("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
        put(environment, container.environment());
        put(environment, override.environment());

        List<String> command = override.hasCommand() ? override.command() : container.command();
        int cpu = firstPositive(parse(overrides.cpu()), parse(definition.cpu()), integer(container.cpu()));
        int memory = firstPositive(integer(override.memory()), integer(container.memory()),
                parse(overrides.memory()), parse(definition.memory()));
        Duration stopTimeout = container.stopTimeout() == null
                ? defaultStopTimeout : Duration.ofSeconds(container.stopTimeout());
        return new TaskLaunch(task.taskArn(), taskId, container.name(), container.image(),
                container.entryPoint(), command, environment, container.workingDirectory(), container.user(),
                cpu, memory, stopTimeout, logs(container, taskId), cpuArchitecture(definition),
                secrets(container));
    }

    /** RunTask's overrides cannot set secrets: only the definition's count. */
    private static Map<String, String> secrets(ContainerDefinition container) {
        Map<String, String> secrets = new LinkedHashMap<>();
        container.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
        return secrets;
    }

    private static String cpuArchitecture(TaskDefinition definition) {
        var platform = definition.runtimePlatform();
        return platform == null || platform.cpuArchitecture() == null ? "X86_64" : platform.cpuArchitectureAsString();
    }

    private static Optional<TaskLaunch.LogDestination> logs(ContainerDefinition container, String taskId) {
        LogConfiguration config = container.logConfiguration();
        if (config == null || config.logDriver() != LogDriver.AWSLOGS) {
            return Optional.empty();
        }
        Map<String, String> options = config.options();
        String prefix = options.get("awslogs-stream-prefix");
        String stream = (prefix == null || prefix.isEmpty() ? "" : prefix + "/") + container.name() + "/" + taskId;
        return Optional.of(new TaskLaunch.LogDestination(options.get("awslogs-group"), stream,
                Boolean.parseBoolean(options.getOrDefault("awslogs-create-group", "false"))));
    }

    private static void put(Map<String, String> environment, List<KeyValuePair> pairs) {
        pairs.forEach(p -> environment.put(p.name(), p.value()));
    }

    /** Reads ECS's cpu/memory strings: "1024", "1 vCPU", "2 GB" (units of 1024). */
    private static int parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (text.endsWith("vcpu") || text.endsWith("gb")) {
            String number = text.replaceAll("[a-z ]", "");
            return (int) Math.round(Double.parseDouble(number) * 1024);
        }
        return Integer.parseInt(text);
    }

    private static int integer(Integer value) {
        return value == null ? 0 : value;
    }

    private static int firstPositive(int... values) {
        for (int value : values) {
            if (value > 0) {
                return value;
            }
        }
        return 0;
    }
}
