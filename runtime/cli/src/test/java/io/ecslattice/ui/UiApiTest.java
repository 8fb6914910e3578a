package io.ecslattice.ui;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API on a real server over a real SQLite store, filled by real dispatches on the local
 * executor in process.
 */
class UiApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private UiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        dispatcher = TestDispatchers.inProcess(dir, 8);
        server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        dispatcher.close();
    }

    @Test
    void nodeShowsEveryAttemptWithItsErrorAndOrderingEdgesAreLabelled() {
        var flaky = io.ecslattice.workflow.Electron.of(io.ecslattice.testing.PolicySteps::flaky)
                .retries(io.ecslattice.workflow.Retry.times(2));
        var mark = io.ecslattice.workflow.Electron.of(io.ecslattice.testing.PolicySteps::mark);
        var lattice = io.ecslattice.workflow.Lattice.of("ui_attempts", (io.ecslattice.workflow.Value<String> d) -> {
            var first = flaky.call(d, io.ecslattice.workflow.Value.of(2));
            return mark.call(d, io.ecslattice.workflow.Value.of("after"), io.ecslattice.workflow.Value.of(""),
                    io.ecslattice.workflow.Value.of(0L)).after(first);
        });
        var dispatch = lattice.dispatch(LatticeClient.of(dispatcher), dir.resolve("flaky").toString());
        assertEquals(io.ecslattice.workflow.DispatchStatus.COMPLETED, dispatch.result(WAIT).status());
        String id = dispatch.id();

        JsonNode attempts = get("/api/dispatches/" + id + "/nodes/0", 200).get("attempts");
        assertEquals(3, attempts.size());
        assertEquals("FAILED", attempts.get(0).get("status").asText());
        assertEquals("electron", attempts.get(0).get("cause").asText());
        assertEquals("java.io.IOException", attempts.get(0).get("error").get("type").asText());
        assertEquals("flaky failure 2", attempts.get(1).get("error").get("message").asText());
        assertEquals("COMPLETED", attempts.get(2).get("status").asText());
        JsonNode edges = get("/api/dispatches/" + id, 200).get("edges");
        assertEquals("after", edges.get(0).get("label").asText());
    }

    @Test
    void listIsNewestFirstPagedWithProgress() {
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String id = (UiWorkflows.fanOut("ui_list_" + n, n, false)).dispatch(LatticeClient.of(dispatcher)).id();
            LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);
            ids.add(id);
        }

        JsonNode first = get("/api/dispatches?limit=2", 200);
        assertEquals(2, first.get("dispatches").size());
        assertTrue(first.get("more").asBoolean());
        JsonNode newest = first.get("dispatches").get(0);
        assertEquals(ids.get(2), newest.get("id").asText());
        assertEquals("ui_list_3", newest.get("workflowName").asText());
        assertEquals("COMPLETED", newest.get("status").asText());
        assertEquals(4, newest.get("done").asInt());
        assertEquals(4, newest.get("total").asInt());
        assertTrue(newest.get("durationMs").asLong() >= 0);
        assertEquals(ids.get(1), first.get("dispatches").get(1).get("id").asText());

        JsonNode second = get("/api/dispatches?offset=2&limit=2", 200);
        assertEquals(1, second.get("dispatches").size());
        assertEquals(ids.get(0), second.get("dispatches").get(0).get("id").asText());
        assertFalse(second.get("more").asBoolean());
    }

    @Test
    void dispatchHasItsNodesEdgesAndResult() {
        String id = (UiWorkflows.fanOut("ui_fan", 3, false)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);

        JsonNode view = get("/api/dispatches/" + id, 200);
        assertEquals("COMPLETED", view.get("dispatch").get("status").asText());
        assertEquals(5, view.get("result").asInt(), "0 + 1 + 4");
        assertTrue(view.get("error").isNull());
        assertEquals(4, view.get("nodes").size());
        for (JsonNode node : view.get("nodes")) {
            assertEquals("COMPLETED", node.get("status").asText(), node.toString());
            assertEquals("local", node.get("executor").asText());
            assertTrue(node.get("durationMs").isNumber(), node.toString());
            assertTrue(node.get("taskArn").isNull(), "the local executor records no ECS task");
        }
        JsonNode sum = view.get("nodes").get(3);
        assertEquals("sum", sum.get("name").asText());
        assertEquals(3, view.get("edges").size());
        for (JsonNode edge : view.get("edges")) {
            assertEquals(sum.get("id").asText(), edge.get("to").asText(), "every square feeds the sum");
        }
    }

    @Test
    void failedDispatchNamesTheFailedNodeAndTheNodeHasErrorAndLogs() {
        String id = (UiWorkflows.failing()).dispatch(LatticeClient.of(dispatcher)).id();
        assertEquals(DispatchStatus.FAILED, LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT).status());

        JsonNode view = get("/api/dispatches/" + id, 200);
        assertEquals("FAILED", view.get("dispatch").get("status").asText());
        JsonNode error = view.get("error");
        assertEquals("java.lang.IllegalStateException", error.get("type").asText());
        assertTrue(error.get("message").asText().contains("cannot handle input 9"), error.toString());
        String failedId = error.get("nodeId").asText();

        JsonNode node = get("/api/dispatches/" + id + "/nodes/" + failedId, 200);
        assertEquals("explode", node.get("node").get("name").asText());
        assertEquals("FAILED", node.get("node").get("status").asText());
        assertEquals("[9]", node.get("inputs").toString());
        assertTrue(node.get("output").isNull());
        assertTrue(node.get("error").get("stackTrace").asText().contains("UiWorkflows.explode"), node.toString());
        assertTrue(node.get("stderr").asText().contains("about to fail on 9"), node.toString());
    }

    @Test
    void nodeHasInputsOutputAndCapturedStdout() {
        String id = (UiWorkflows.fanOut("ui_one", 3, false)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);

        JsonNode node = get("/api/dispatches/" + id + "/nodes/2", 200);
        assertEquals("square", node.get("node").get("name").asText());
        assertEquals("[2]", node.get("inputs").toString());
        assertEquals(4, node.get("output").asInt());
        assertTrue(node.get("stdout").asText().contains("squaring 2"), node.toString());
        assertEquals("in_process", node.get("details").get("mode").asText());
        assertEquals(0, node.get("truncated").size());
    }

    @Test
    void bigValuesAreCutInThePreviewAndWholeInTheDownload() {
        String id = (UiWorkflows.bigValue(50_000)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);

        JsonNode preview = get("/api/dispatches/" + id + "/nodes/0?preview=20000", 200);
        assertEquals(20_000, preview.get("output").asText().length());
        assertEquals(50_002, preview.get("truncated").get("output").asInt(), "the quoted string's length");
        assertTrue(preview.get("truncated").has("inputs"));

        HttpResponse<String> download = send("GET", "/api/dispatches/" + id + "/nodes/0/output");
        assertEquals(200, download.statusCode());
        assertEquals("attachment; filename=\"" + id + "-0-output.json\"",
                download.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("\"" + "x".repeat(50_000) + "\"", download.body());
    }

    @Test
    void unknownIdsAnswer404WithAJsonError() {
        assertEquals("no dispatch with id nope", get("/api/dispatches/nope", 404).get("error").asText());
        assertEquals("no dispatch with id nope", get("/api/dispatches/nope/nodes/0", 404).get("error").asText());
        assertEquals("no dispatch with id nope", json(send("POST", "/api/dispatches/nope/cancel"), 404).get("error").asText());
        String id = (UiWorkflows.fanOut("ui_404", 1, false)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);
        assertEquals("dispatch " + id + " has no node 99", get("/api/dispatches/" + id + "/nodes/99", 404).get("error").asText());
    }

    @Test
    void wrongMethodsAnswer405AndBadParameters400() {
        assertEquals("DELETE is not allowed on /api/dispatches/x",
                json(send("DELETE", "/api/dispatches/x"), 405).get("error").asText());
        json(send("POST", "/api/dispatches"), 405);
        json(send("GET", "/api/dispatches/x/cancel"), 405);
        assertEquals("limit=0 is not valid; valid: a whole number from 1 to 500",
                get("/api/dispatches?limit=0", 400).get("error").asText());
        get("/api/dispatches?limit=abc", 400);
        get("/api/dispatches?offset=-1", 400);
    }

    @Test
    void cancelStopsARunningDispatchAndTheSecondCancelIsRefused() {
        String id = (UiWorkflows.longRunning()).dispatch(LatticeClient.of(dispatcher)).id();
        waitForNodeStatus(id, "0", "RUNNING");

        HttpResponse<String> answer = send("POST", "/api/dispatches/" + id + "/cancel");
        JsonNode cancel = json(answer, 202);
        assertTrue(cancel.get("accepted").asBoolean(), cancel.toString());
        assertEquals(DispatchStatus.CANCELLED, LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT).status());

        JsonNode view = get("/api/dispatches/" + id, 200);
        assertEquals("CANCELLED", view.get("dispatch").get("status").asText());
        JsonNode downstream = view.get("nodes").get(1);
        assertEquals("CANCELLED", downstream.get("status").asText());
        assertTrue(downstream.get("startedAt").isNull(), "the node after the cancelled one never started");

        JsonNode again = json(send("POST", "/api/dispatches/" + id + "/cancel"), 409);
        assertFalse(again.get("accepted").asBoolean());
        assertTrue(again.get("message").asText().contains("already ended as CANCELLED"), again.toString());
    }

    private void waitForNodeStatus(String id, String node, String status) {
        await("node " + node + " of " + id + " " + status).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/dispatches/" + id, 200).get("nodes").get(Integer.parseInt(node)).get("status").asText().equals(status));
    }

    private JsonNode get(String path, int expectedStatus) {
        return json(send("GET", path), expectedStatus);
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertEquals(expectedStatus, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        try {
            return Wire.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("answer is not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(String method, String path) {
        // A browser sends its page's origin on every POST; the UI refuses a POST without one.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Origin", "http://127.0.0.1:" + server.port())
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }
}
