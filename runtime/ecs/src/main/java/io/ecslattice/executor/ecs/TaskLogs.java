package io.ecslattice.executor.ecs;

import io.ecslattice.wire.Keys;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The one class that calls CloudWatch Logs: the last lines of a task's log stream, and which pool workers' streams name an electron. */
final class TaskLogs {
    private final CloudWatchLogsClient client;

    TaskLogs(CloudWatchLogsClient client) {
        this.client = client;
    }

    /** The streams of the group with a line holding {@code text}, in the order their lines were written. */
    List<String> streamsMentioning(String group, String text) {
        try {
            return client.filterLogEvents(r -> r.logGroupName(group).filterPattern(Keys.logFilterTerm(text)).limit(1000))
                    .events().stream().map(software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent::logStreamName)
                    .distinct().toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
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
