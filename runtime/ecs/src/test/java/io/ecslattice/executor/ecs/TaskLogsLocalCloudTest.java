package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * Worker logs are found although FilterLogEvents answers an empty first page with a token, as AWS may (the local
 * cloud does so for every first page here), and a stream's last lines come newest last.
 */
@Tag("local-cloud")
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class TaskLogsLocalCloudTest {

    @Test
    void theStreamsNamingAnElectronAreFoundPastAnEmptyFirstPageAndTheLastLinesComeInOrder() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String group = "task-logs-" + UUID.randomUUID().toString().substring(0, 8);
        setEmptyPages(cloud, 1);
        try (CloudWatchLogsClient client = CloudWatchLogsClient.create()) {
            client.createLogGroup(b -> b.logGroupName(group));
            client.createLogStream(b -> b.logGroupName(group).logStreamName("task/worker/abc"));
            long now = System.currentTimeMillis();
            List<InputLogEvent> events = IntStream.range(0, 30).mapToObj(i -> InputLogEvent.builder().timestamp(now + i)
                    .message(i == 7 ? "ecs-lattice worker: dispatch d1, node 3, attempt 1" : "line " + i).build()).toList();
            client.putLogEvents(b -> b.logGroupName(group).logStreamName("task/worker/abc").logEvents(events));
            TaskLogs logs = new TaskLogs(client);

            assertEquals(List.of("task/worker/abc"), logs.streamsMentioning(group, "dispatch d1, node 3, attempt 1",
                    Instant.ofEpochMilli(now - 60_000)));
            assertEquals(List.of(), logs.streamsMentioning(group, "dispatch d1, node 3, attempt 1",
                    Instant.ofEpochMilli(now + 60_000)), "lines before startTime are not searched");
            assertEquals(List.of("line 27", "line 28", "line 29"), logs.lastLines(group, "task/worker/abc", 3));
        } finally {
            setEmptyPages(cloud, 3);
        }
    }

    private static void setEmptyPages(LocalCloud cloud, int everyNth) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.env.get("AWS_ENDPOINT_URL") + "/_local-cloud/logs/empty-pages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"everyNth\": " + everyNth + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
