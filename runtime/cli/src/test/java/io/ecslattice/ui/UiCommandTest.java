package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.cli.EcsLatticeCli;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.testing.TestDispatchers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecs-lattice ui} as a user runs it: its own process, reading what another process dispatched. */
class UiCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesDispatchesThatAnotherProcessMade() throws Exception {
        String id;
        try (Dispatcher dispatcher = TestDispatchers.inProcess(dir, 4)) {
            id = (UiWorkflows.fanOut("ui_other_process", 2, false)).dispatch(LatticeClient.of(dispatcher)).id();
            LatticeClient.of(dispatcher).attach(id, Object.class).result(Duration.ofSeconds(30));
        }

        try (UiProcess ui = new UiProcess(dir.resolve("results.db"), dir.resolve("ui.log"))) {
            RawHttp.Answer list = RawHttp.send(ui.port(), "GET", "/api/dispatches", Map.of());
            assertEquals(200, list.status(), list.body());
            assertTrue(list.body().contains("\"id\":\"" + id + "\""), list.body());
            assertTrue(list.body().contains("\"workflowName\":\"ui_other_process\""), list.body());
            RawHttp.Answer page = RawHttp.send(ui.port(), "GET", "/dispatches/" + id, Map.of());
            assertEquals(200, page.status());
            assertTrue(page.body().contains("<script src=\"/static/dispatch.js\">"), page.body());
            assertTrue(ui.output().contains("ecs-lattice UI for results store " + dir.resolve("results.db")), ui.output());
            assertFalse(ui.output().contains("token"), "a loopback bind needs no token: " + ui.output());
        }
    }

    @Test
    void badPortIsAUsageError() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, EcsLatticeCli.execute("ui", "--port", "70000"));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("--port=70000 is not valid; valid: 0 (any free port) to 65535"),
                captured.toString(StandardCharsets.UTF_8));
    }
}
