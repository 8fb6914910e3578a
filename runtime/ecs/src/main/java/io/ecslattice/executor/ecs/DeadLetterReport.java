package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.Wire;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The error of a pool electron that was dead-lettered, from what is known: the reason the last worker gave when it
 * handed it back unfinished (carried by the event), or else what ECS says of the workers that died running it (their stop,
 * exit code); and the last lines of the log of the workers that named it, found by a CloudWatch Logs filter.
 */
final class DeadLetterReport {
    /** Error type of an electron workers handed back unfinished; its message carries the last worker's reason. */
    static final String REFUSED = "WorkerRefused";

    private final TaskLogs logs;
    private final EcsTasks ecs;
    private final String group;

    DeadLetterReport(TaskLogs logs, EcsTasks ecs, String group) {
        this.logs = logs;
        this.ecs = ecs;
        this.group = group;
    }

    /** The failed outcome of the dead-lettered electron {@code event} names, with {@code details} of the pool added to. */
    TaskOutcome outcome(PoolEvent event, Map<String, String> details) {
        String mention = PoolEvent.logMention(event.dispatchId(), event.nodeId(), event.attempt());
        boolean refused = event.refusal() != null;
        // The worker that dead-lettered it only reported it; when workers died, it is not one of them.
        // An electron was sent at most the work queue's retention (14 days) ago: its workers' lines are no older.
        Instant since = Instant.now().minus(SqsQueues.RETENTION);
        List<String> streams = logs.streamsMentioning(group, mention, since).stream()
                .filter(s -> refused || event.worker() == null || !event.worker().endsWith(s.substring(s.lastIndexOf('/') + 1)))
                .toList();
        StringBuilder message = new StringBuilder(summary(event));
        List<String> lastLines = List.of();
        if (streams.isEmpty()) {
            message.append("\nno worker log in ").append(group).append(" names it (").append(mention).append(")");
        }
        for (String stream : streams) {
            String taskId = stream.substring(stream.lastIndexOf('/') + 1);
            Map<String, String> worker = new LinkedHashMap<>();
            worker.put("logGroup", group);
            worker.put("logStream", stream);
            List<Task> tasks = ecs.describeTasks(List.of(taskId)).tasks();
            if (!tasks.isEmpty()) {
                worker.put("taskArn", tasks.get(0).taskArn());
                worker = StoppedTaskReport.details(worker, new TaskPoller.Observation(tasks.get(0), null));
            }
            message.append("\nworker ").append(worker.getOrDefault("taskArn", taskId));
            for (String k : List.of("stopCode", "stoppedReason", "exitCode", "containerReason")) {
                if (worker.containsKey(k)) {
                    message.append("; ").append(k).append(": ").append(worker.get(k));
                }
            }
            lastLines = logs.lastLines(group, stream, StoppedTaskReport.LOG_LINES);
            details.putAll(worker);
        }
        if (!lastLines.isEmpty()) {
            message.append("\nlast ").append(lastLines.size()).append(" log lines of the last worker:\n").append(String.join("\n", lastLines));
        }
        String type = refused ? REFUSED : details.containsKey("exitCode") ? "WorkerDied" : "DeadLettered";
        Instant now = Instant.now();
        return new TaskOutcome(new TaskResult(Wire.VERSION, event.dispatchId(), event.nodeId(), null,
                new TaskError(type, message.toString(), ""), "", String.join("\n", lastLines), now, now), details);
    }

    /** The first line of the error: what happened to its deliveries, in the last worker's own words when it handed it back. */
    static String summary(PoolEvent event) {
        String deliveries = "node " + event.nodeId() + " was delivered " + (event.delivery() - 1) + " time(s) (task_max_attempts)";
        if (event.refusal() != null) {
            return deliveries + " and never finished; it was moved to the dead-letter queue. The last worker that had it"
                    + " handed it back because " + event.refusal();
        }
        return deliveries + " and its worker died every time; it was moved to the dead-letter queue";
    }
}
