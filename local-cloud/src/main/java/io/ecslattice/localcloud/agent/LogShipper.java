package io.ecslattice.localcloud.agent;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ships one container's output to its CloudWatch Logs stream, as ECS's awslogs driver does: one event
 * per line, stamped with the time the container printed it, in batches within PutLogEvents' limits.
 */
public final class LogShipper {
    private static final int MAX_EVENTS = 10_000;
    private static final int MAX_BYTES = 1_000_000;
    private static final int EVENT_OVERHEAD = 26;
    private final CloudWatchLogsClient logs;
    private final TaskLaunch.LogDestination destination;
    private final List<InputLogEvent> pending = new ArrayList<>();
    private int pendingBytes;

    private LogShipper(CloudWatchLogsClient logs, TaskLaunch.LogDestination destination) {
        this.logs = logs;
        this.destination = destination;
    }

    /**
     * Creates the stream (and the group when awslogs-create-group is set).
     *
     * @throws LogGroupMissingException when the group does not exist and may not be created, as
     *                                  Fargate fails the task's start then
     */
    public static LogShipper open(CloudWatchLogsClient logs, TaskLaunch.LogDestination destination) {
        if (destination.createGroup()) {
            try {
                logs.createLogGroup(r -> r.logGroupName(destination.group()));
            } catch (ResourceAlreadyExistsException alreadyThere) {
                // the usual case: the stack made the group
            }
        }
        try {
            logs.createLogStream(r -> r.logGroupName(destination.group()).logStreamName(destination.stream()));
        } catch (ResourceAlreadyExistsException alreadyThere) {
            // a re-adopted task after an agent restart keeps its stream
        } catch (ResourceNotFoundException e) {
            throw new LogGroupMissingException(destination.group());
        }
        return new LogShipper(logs, destination);
    }

    /** The time of the last line already in the stream (an earlier agent run shipped it), or EPOCH. */
    public Instant lastShipped() {
        var events = logs.getLogEvents(r -> r.logGroupName(destination.group()).logStreamName(destination.stream())
                .startFromHead(false).limit(1)).events();
        return events.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(events.get(events.size() - 1).timestamp());
    }

    public synchronized void add(Instant time, String line) {
        if (line.isEmpty()) {
            // CloudWatch refuses an empty message, which fails the whole batch; Docker's awslogs driver, what Fargate
            // ships with, skips empty lines too.
            return;
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
        if (pending.size() == MAX_EVENTS || pendingBytes + bytes > MAX_BYTES) {
            flush();
        }
        pending.add(InputLogEvent.builder().timestamp(time.toEpochMilli()).message(line).build());
        pendingBytes += bytes;
    }

    /** Sends what has accumulated; called periodically and once the container has exited. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<InputLogEvent> batch = new ArrayList<>(pending);
        batch.sort(java.util.Comparator.comparing(InputLogEvent::timestamp)); // PutLogEvents wants time order
        pending.clear();
        pendingBytes = 0;
        logs.putLogEvents(r -> r.logGroupName(destination.group()).logStreamName(destination.stream())
                .logEvents(batch));
    }

    /** The task definition names a log group that does not exist and may not be created. */
    public static final class LogGroupMissingException extends RuntimeException {
        public LogGroupMissingException(String group) {
            super("ResourceInitializationError: failed to validate logger args: The specified log group "
                    + "does not exist: " + group);
        }
    }
}
