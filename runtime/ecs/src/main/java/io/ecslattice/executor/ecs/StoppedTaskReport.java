package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.Wire;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Turns what ECS says about a stopped task, and the result object it left (if any), into the node's
 * outcome. A task that wrote a result reports the electron's own value or error; one that died without
 * a result reports why ECS says it stopped, its exit code and the last lines of its log.
 */
final class StoppedTaskReport {
    static final int LOG_LINES = 50;
    private static final Pattern ERROR_NAME = Pattern.compile("^([A-Z][A-Za-z]*(Error|Exception))\\b");
    /** Stop codes of tasks the platform took away: Fargate Spot reclaimed, or the host retired. */
    private static final java.util.Set<String> SPOT_OR_RETIRED = java.util.Set.of("SpotInterruption", "TerminationNotice");
    /** Start failures Fargate documents as transient: task networking and initialization not ready in time. */
    private static final Pattern TRANSIENT_START = Pattern.compile("ResourceInitializationError"
            + "|Timeout waiting for network interface provisioning|network interface|\\bENI\\b", Pattern.CASE_INSENSITIVE);
    /** An image pull that gave up on time or connection, not on a missing image or a refused credential. */
    private static final Pattern PULL_TIMEOUT = Pattern.compile("timeout|timed out|deadline exceeded|connection reset"
            + "|TLS handshake", Pattern.CASE_INSENSITIVE);

    private StoppedTaskReport() {
    }

    /** The details the UI shows for a stopped task. */
    static Map<String, String> details(Map<String, String> handleDetails, TaskPoller.Observation seen) {
        Map<String, String> details = new LinkedHashMap<>(handleDetails);
        Task task = seen.task();
        if (task != null) {
            put(details, "stopCode", task.stopCodeAsString());
            put(details, "stoppedReason", task.stoppedReason());
            Optional<Container> container = task.containers().stream().findFirst();
            container.map(Container::exitCode).ifPresent(code -> details.put("exitCode", String.valueOf(code)));
            container.map(Container::reason).ifPresent(reason -> put(details, "containerReason", reason));
        } else {
            put(details, "failure", seen.failure().reason() + (seen.failure().detail() == null ? "" : ": " + seen.failure().detail()));
        }
        return details;
    }

    /** The outcome: the stored result when there is one, else an error synthesized from ECS's facts and the log. */
    static TaskOutcome outcome(String dispatchId, String nodeId, Map<String, String> details, Optional<byte[]> resultBytes,
                               Supplier<List<String>> lastLogLines) {
        if (resultBytes.isPresent()) {
            try {
                TaskResult result = Wire.mapper().readValue(resultBytes.get(), TaskResult.class);
                if (result.wireVersion() != Wire.VERSION) {
                    return synthesized(dispatchId, nodeId, details, "IncompatibleResult", "the task wrote a result of wire"
                            + " version " + result.wireVersion() + " but this client reads version " + Wire.VERSION, List.of());
                }
                return new TaskOutcome(result, details);
            } catch (java.io.IOException e) {
                return synthesized(dispatchId, nodeId, details, "InvalidResult", "the task's result object at "
                        + details.get("resultUri") + " is not a valid task result: " + e.getMessage(), List.of());
            }
        }
        List<String> lines = lastLogLines.get();
        StringBuilder message = new StringBuilder("ECS task ").append(details.getOrDefault("taskArn", "?"))
                .append(" stopped without writing a result");
        append(message, "stopCode", details.get("stopCode"));
        append(message, "stoppedReason", details.get("stoppedReason"));
        append(message, "exit code", details.get("exitCode"));
        append(message, "container reason", details.get("containerReason"));
        append(message, "ECS failure", details.get("failure"));
        if (!lines.isEmpty()) {
            message.append("\nlast ").append(lines.size()).append(" log lines (").append(details.get("logGroup"))
                    .append(" / ").append(details.get("logStream")).append("):\n").append(String.join("\n", lines));
        } else {
            message.append("\nno log lines in ").append(details.get("logGroup")).append(" / ").append(details.get("logStream"));
        }
        Map<String, String> reported = details;
        Optional<String> infrastructure = infrastructureFailure(details);
        if (infrastructure.isPresent()) {
            reported = new LinkedHashMap<>(details);
            reported.put(TaskOutcome.INFRASTRUCTURE_FAILURE, infrastructure.get());
        }
        return synthesized(dispatchId, nodeId, reported, errorType(details), message.toString(), lines);
    }

    /**
     * Why a task that left no result failed outside the electron, in a way a new task may not meet: Fargate Spot
     * reclaimed its capacity, or it failed to start for a transient reason (the network interface or secrets not
     * ready in time, an image pull that timed out). An image that is not there, or a container that exited, is not
     * transient.
     */
    static Optional<String> infrastructureFailure(Map<String, String> details) {
        String stopCode = details.getOrDefault("stopCode", "");
        String reason = String.join(" | ", details.getOrDefault("stoppedReason", ""), details.getOrDefault("containerReason", ""));
        if (SPOT_OR_RETIRED.contains(stopCode)) {
            return Optional.of(stopCode + ": " + details.getOrDefault("stoppedReason", "capacity reclaimed"));
        }
        if (details.containsKey("exitCode") && !"TaskFailedToStart".equals(stopCode)) {
            return Optional.empty();
        }
        if (TRANSIENT_START.matcher(reason).find()
                || reason.contains("CannotPullContainerError") && PULL_TIMEOUT.matcher(reason).find()) {
            return Optional.of((stopCode.isEmpty() ? "" : stopCode + ": ") + details.getOrDefault("stoppedReason", reason));
        }
        return Optional.empty();
    }

    /** The most specific name for what happened, e.g. CannotPullContainerError, else the stop code. */
    static String errorType(Map<String, String> details) {
        for (String key : List.of("stoppedReason", "containerReason")) {
            String reason = details.get(key);
            if (reason != null) {
                Matcher m = ERROR_NAME.matcher(reason);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        if (details.containsKey("failure")) {
            return "Task" + capitalize(details.get("failure").split("[:\\s]")[0].toLowerCase(java.util.Locale.ROOT));
        }
        return details.getOrDefault("stopCode", "TaskStopped");
    }

    private static TaskOutcome synthesized(String dispatchId, String nodeId, Map<String, String> details, String type,
                                           String message, List<String> lines) {
        Instant now = Instant.now();
        TaskResult result = new TaskResult(Wire.VERSION, dispatchId, nodeId, null, new TaskError(type, message, ""),
                "", String.join("\n", lines), now, now);
        return new TaskOutcome(result, details);
    }

    private static void append(StringBuilder message, String what, String value) {
        if (value != null && !value.isBlank()) {
            message.append("; ").append(what).append(": ").append(value);
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
