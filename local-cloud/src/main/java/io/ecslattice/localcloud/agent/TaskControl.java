package io.ecslattice.localcloud.agent;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reports task state changes to the local cloud's control endpoint beside moto (what Fargate's data
 * plane tells ECS; moto has no API for it). See local-cloud/moto/control.py.
 */
public final class TaskControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public TaskControl(URI endpoint) {
        this.base = endpoint.resolve("/_local-cloud/ecs/tasks/");
    }

    /** Moves the task PROVISIONING to PENDING; false when it was stopped or claimed meanwhile. */
    public boolean claim(String taskArn) {
        return post("claim", Map.of("taskArn", taskArn)) == 200;
    }

    public void running(String taskArn, String containerId) {
        post("running", Map.of("taskArn", taskArn, "runtimeId", containerId));
    }

    /**
     * Marks the task STOPPED. A task a client stopped keeps stopCode UserInitiated and its reason.
     *
     * @param exitCode        the container's exit code, or null when it never ran
     * @param containerReason the container's reason (e.g. CannotPullContainerError: ...), or null
     */
    public void stopped(String taskArn, String stopCode, String stoppedReason, Integer exitCode,
                        String containerReason) {
        Map<String, Object> body = new HashMap<>();
        body.put("taskArn", taskArn);
        body.put("stopCode", stopCode);
        body.put("stoppedReason", stoppedReason);
        body.put("exitCode", exitCode);
        body.put("reason", containerReason);
        int status = post("stopped", body);
        if (status != 200) {
            throw new IllegalStateException("control endpoint answered " + status + " to stopped " + taskArn);
        }
    }

    /**
     * Waits at most `wait` for a RunTask or StopTask after change number `after`, and returns the
     * latest change number; -1 when the launcher cannot say (the caller then just waited).
     */
    public long awaitChange(long after, Duration wait) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("../changes?after=" + after + "&waitMillis=" + wait.toMillis()))
                .timeout(wait.plusSeconds(5)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body()).path("changes").asLong(-1);
            }
        } catch (IOException e) {
            // moto restarting: the caller's next poll says so
        }
        Thread.sleep(wait.toMillis());
        return -1;
    }

    private int post(String route, Map<String, ?> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(route))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("control endpoint " + base + route + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reporting " + route + " for " + body.get("taskArn"), e);
        }
    }
}
