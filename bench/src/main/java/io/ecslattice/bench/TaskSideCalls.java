package io.ecslattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS calls the containers of a {@link PoolRegion} made, read from the proxy they use as their endpoint
 * ({@code GET /__faults/stats}: calls forwarded, by {@code service:Operation}).
 */
final class TaskSideCalls {
    /** Env var of a row's JVM: the proxy's URL. */
    static final String ENV_ENDPOINT = "BENCH_TASK_ENDPOINT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI stats;
    private final HttpClient http = HttpClient.newHttpClient();

    private TaskSideCalls(URI proxy) {
        this.stats = proxy.resolve("/__faults/stats");
    }

    /** The proxy named by {@link #ENV_ENDPOINT}. */
    static TaskSideCalls fromEnvironment() {
        String proxy = System.getenv(ENV_ENDPOINT);
        if (proxy == null) {
            throw new IllegalStateException(ENV_ENDPOINT + " is not set: the pool rows run in Bench's PoolRegion");
        }
        return new TaskSideCalls(URI.create(proxy));
    }

    /** Calls forwarded so far, by {@code service:Operation}. */
    Map<String, Long> snapshot() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + stats + " answered " + answer.statusCode() + ": " + answer.body());
        }
        Map<String, Long> calls = new TreeMap<>();
        JsonNode tree = JSON.readTree(answer.body()).path("calls");
        tree.fields().forEachRemaining(e -> calls.put(e.getKey(), e.getValue().path("forwarded").asLong()));
        return calls;
    }

    /** {@code after - before} per operation, each divided by {@code per}; operations without calls left out. */
    static Map<String, Double> per(Map<String, Long> before, Map<String, Long> after, double per) {
        Map<String, Double> result = new TreeMap<>();
        after.forEach((op, n) -> {
            long calls = n - before.getOrDefault(op, 0L);
            if (calls > 0) {
                result.put(op, calls / per);
            }
        });
        return result;
    }
}
