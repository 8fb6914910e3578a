package io.ecslattice.executor.ecs;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The one class that calls CloudWatch Logs: the last lines of a task's log stream. */
final class TaskLogs {
    private final CloudWatchLogsClient client;

    TaskLogs(CloudWatchLogsClient client) {
        this.client = client;
    }

    /** The newest {@code maxLines} lines, oldest first; empty when the stream was never created. */
    List<String> lastLines(String group, String stream, int maxLines) {
        try {
            return client.getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                            .startFromHead(false).limit(Math.max(1, Math.min(maxLines, 10_000))))
                    .events().stream().map(OutputLogEvent::message).toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }
}
