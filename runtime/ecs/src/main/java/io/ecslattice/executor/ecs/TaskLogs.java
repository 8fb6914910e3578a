package io.ecslattice.executor.ecs;

import io.ecslattice.wire.Keys;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The one class that calls CloudWatch Logs: the last lines of a task's log stream, and which pool workers' streams name an electron. */
final class TaskLogs {
    /** The most FilterLogEvents pages one search reads: a bound for a group of many streams. */
    static final int MAX_FILTER_PAGES = 50;
    private final CloudWatchLogsClient client;

    TaskLogs(CloudWatchLogsClient client) {
        this.client = client;
    }

    /**
     * The streams of the group with a line holding {@code text} written since {@code since}, in the order their lines
     * were written. FilterLogEvents searches a slice of the group per call and "can return empty results while there
     * are more log events available through the token" (API reference), so pages are read until no token is left,
     * at most {@link #MAX_FILTER_PAGES} of them.
     */
    List<String> streamsMentioning(String group, String text, Instant since) {
        try {
            return client.filterLogEventsPaginator(r -> r.logGroupName(group).filterPattern(Keys.logFilterTerm(text))
                            .startTime(since.toEpochMilli()).limit(1000))
                    .stream().limit(MAX_FILTER_PAGES).flatMap(page -> page.events().stream())
                    .map(software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent::logStreamName)
                    .distinct().toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    /**
     * The newest {@code maxLines} lines, oldest first; empty when the stream was never created. GetLogEvents, too,
     * may answer fewer events than there are with a token for more, so older pages are read until there are enough
     * lines or the token stops moving, at most {@link #MAX_FILTER_PAGES} pages.
     */
    List<String> lastLines(String group, String stream, int maxLines) {
        java.util.LinkedList<String> lines = new java.util.LinkedList<>();
        String token = null;
        try {
            for (int page = 0; page < MAX_FILTER_PAGES && lines.size() < maxLines; page++) {
                String from = token;
                var response = client.getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(false)
                        .limit(Math.max(1, Math.min(maxLines - lines.size(), 10_000))).nextToken(from));
                List<OutputLogEvent> events = response.events();
                for (int i = events.size() - 1; i >= 0; i--) {
                    lines.addFirst(events.get(i).message());
                }
                token = response.nextBackwardToken();
                if (token == null || token.equals(from)) {
                    break;
                }
            }
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    }
}
