package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over dispatches whose electrons ran in child JVMs, as the local executor does by default. */
class UiChildJvmTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private UiServer server;

    @BeforeEach
    void start() {
        dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30));
        server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        dispatcher.close();
    }

    @Test
    void nodesShowTheChildProcessTheyRanInAndWhatItPrinted() throws IOException {
        String id = (UiWorkflows.failing()).dispatch(dispatcher).id();
        assertEquals(DispatchStatus.FAILED, Dispatch.attach(dispatcher, id, Object.class).result(WAIT).status());

        JsonNode square = get("/api/dispatches/" + id + "/nodes/0");
        assertEquals("COMPLETED", square.get("node").get("status").asText());
        assertEquals(9, square.get("output").asInt());
        assertTrue(square.get("stdout").asText().contains("squaring 3"), square.toString());
        assertTrue(square.get("details").get("pid").asText().matches("[0-9]+"), square.toString());
        assertEquals("0", square.get("details").get("exitCode").asText());

        JsonNode explode = get("/api/dispatches/" + id + "/nodes/1");
        assertEquals("FAILED", explode.get("node").get("status").asText());
        assertEquals("1", explode.get("details").get("exitCode").asText(), "the task runner exits 1 when the electron failed");
        assertTrue(explode.get("error").get("stackTrace").asText().contains("UiWorkflows.explode"), explode.toString());
        assertTrue(explode.get("stderr").asText().contains("about to fail on 9"), explode.toString());
    }

    private JsonNode get(String path) throws IOException {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET", path, Map.of());
        assertEquals(200, answer.status(), answer.body());
        return Wire.mapper().readTree(answer.body());
    }
}
