package io.ecslattice.localcloud.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP proxy between AWS SDK clients and moto that answers a seeded share of calls with the errors
 * AWS gives under load, and passes every other request through unchanged. Clients use it by pointing
 * {@code AWS_ENDPOINT_URL} at {@link #endpoint()}. The local agent keeps talking to moto directly, so
 * only the client under test sees the faults.
 *
 * <p>Its own endpoints: {@code GET /__faults/stats} (what it did, JSON) and {@code POST /__faults/plan}
 * (replace the plan with the JSON of {@link FaultPlan}; counts of selected RunTask attempts restart).
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "proxy-connection", "te", "trailer");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient upstreamClient;
    private final URI upstream;
    private final StatsRecorder stats = new StatsRecorder();
    private volatile FaultDecider decider;

    private FaultProxy(HttpServer server, ExecutorService threads, URI upstream, FaultPlan plan) {
        this.server = server;
        this.threads = threads;
        this.upstream = upstream;
        this.decider = new FaultDecider(plan);
        this.upstreamClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
    }

    /**
     * Starts a proxy listening on {@code listen} (port 0 picks a free one) that forwards to
     * {@code upstream} (e.g. {@code http://127.0.0.1:4566}).
     */
    public static FaultProxy start(InetSocketAddress listen, URI upstream, FaultPlan plan) throws IOException {
        HttpServer server = HttpServer.create(listen, 256);
        ExecutorService threads = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        FaultProxy proxy = new FaultProxy(server, threads, upstream, plan);
        server.createContext("/", proxy::handle);
        server.setExecutor(threads);
        server.start();
        LOG.info("fault proxy on {} -> {} with {}", proxy.endpoint(), upstream, plan);
        return proxy;
    }

    /** The URL clients use as their AWS endpoint. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    /** Replaces the plan; the random source restarts from the new plan's seed. */
    public void plan(FaultPlan plan) {
        decider = new FaultDecider(plan);
    }

    /** What the proxy forwarded and answered so far. */
    public FaultStats stats() {
        return stats.snapshot();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            ProxyResponse response = path.startsWith("/__faults/")
                    ? ownEndpoint(method, path, body)
                    : proxied(exchange, method, path, body);
            send(exchange, method, response);
        } catch (IOException | RuntimeException e) {
            LOG.warn("fault proxy failed on {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private ProxyResponse proxied(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        AwsCall call = AwsCall.classify(method, path, query, exchange.getRequestHeaders()::getFirst, body);
        FaultDecider.Decision decision = decider.decide(call, new String(body, StandardCharsets.UTF_8));
        if (!decision.forward()) {
            stats.answered(call, decision);
            return decision.fault() != null
                    ? ProxyResponse.of(decision.fault(), call, method.equals("HEAD"))
                    : ProxyResponse.runTaskCapacityFailure(decision.capacityReason());
        }
        ProxyResponse response = forward(exchange, method, body);
        stats.forwarded(call);
        if (call.key().equals("ecs:RunTask") && response.status() == 200) {
            stats.tasksStarted(taskArns(response.body()));
        }
        return response;
    }

    private ProxyResponse forward(HttpExchange exchange, String method, byte[] body) throws IOException {
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> answer = upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("content-length")
                        && method.equals("HEAD")) {
                    headers.put(name, values);
                }
            });
            return new ProxyResponse(answer.statusCode(), headers, answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + target, e);
        }
    }

    private ProxyResponse ownEndpoint(String method, String path, byte[] body) throws IOException {
        if (method.equals("GET") && path.equals("/__faults/stats")) {
            return ProxyResponse.json(200, JSON.writeValueAsString(stats()));
        }
        if (method.equals("POST") && path.equals("/__faults/plan")) {
            try {
                plan(FaultPlan.parse(new String(body, StandardCharsets.UTF_8)));
                return ProxyResponse.json(200, "{\"ok\":true}");
            } catch (IllegalArgumentException | NullPointerException e) {
                return ProxyResponse.json(400, JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
            }
        }
        return ProxyResponse.json(404, "{\"error\":\"unknown fault proxy endpoint " + method + " " + path
                + "; valid: GET /__faults/stats, POST /__faults/plan\"}");
    }

    private static void send(HttpExchange exchange, String method, ProxyResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        boolean noBody = method.equals("HEAD") || response.status() == 204 || response.status() == 304
                || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static List<String> taskArns(byte[] runTaskAnswer) {
        List<String> arns = new ArrayList<>();
        try {
            for (JsonNode task : JSON.readTree(runTaskAnswer).path("tasks")) {
                arns.add(task.path("taskArn").asText());
            }
        } catch (IOException e) {
            LOG.warn("RunTask answer is not JSON: {}", e.getMessage());
        }
        return arns;
    }
}
