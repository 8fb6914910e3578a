package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.ecs.EcsExecutor;
import io.ecslattice.executor.ecs.LocalCloud;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.wire.Wire;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The ECS facts the ECS executor records, as the UI shows them: a dispatch run on the local cloud
 * (moto, the registry, the Docker engine and the local ECS agent playing Fargate).
 */
@Tag("local-cloud")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class UiEcsLocalCloudTest {
    @TempDir
    Path dir;

    @Test
    void ecsNodesShowTaskArnLogStreamAndExitCode() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        try (EcsExecutor ecs = cloud.executor(dir.resolve("cache")).build();
             Dispatcher dispatcher = TestDispatchers.inProcess(dir, 4)) {
            var square = Electron.of(UiWorkflows::square).executor(ecs);
            var explode = Electron.of(UiWorkflows::explode).executor(ecs);
            String id = Lattice.of("ui_on_ecs", () -> explode.call(square.call(Value.of(5)))).dispatch(LatticeClient.of(dispatcher)).id();
            assertEquals(DispatchStatus.FAILED, LatticeClient.of(dispatcher).attach(id, Object.class).result(Duration.ofMinutes(3)).status());

            try (UiServer server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0)) {
                JsonNode square0 = get(server, "/api/dispatches/" + id + "/nodes/0");
                assertEquals("COMPLETED", square0.get("node").get("status").asText(), square0.toString());
                JsonNode details = square0.get("details");
                assertTrue(details.has("taskArn"), details.toString());
                assertTrue(details.get("taskArn").asText().contains(":task/"), details.toString());
                assertTrue(details.get("logStream").asText().startsWith("ecs-lattice/electron/"), details.toString());
                assertEquals("0", details.get("exitCode").asText());
                assertEquals(details.get("taskArn").asText(), square0.get("node").get("taskArn").asText());
                assertTrue(square0.get("stdout").asText().contains("squaring 5"), square0.toString());

                JsonNode explode1 = get(server, "/api/dispatches/" + id + "/nodes/1");
                assertEquals("1", explode1.get("details").get("exitCode").asText());
                assertEquals("java.lang.IllegalStateException", explode1.get("error").get("type").asText());

                try (HeadlessChromium chromium = new HeadlessChromium()) {
                    chromium.driver().get("http://127.0.0.1:" + server.port() + "/dispatches/" + id);
                    chromium.waitUpTo(Duration.ofSeconds(30)).withMessage("the dispatch page's first render")
                            .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
                    String taskCell = chromium.driver().findElement(By.cssSelector("#nodes tbody tr[data-node-id='0'] td.mono"))
                            .getAttribute("title");
                    assertEquals(details.get("taskArn").asText(), taskCell);
                    chromium.driver().get("http://127.0.0.1:" + server.port() + "/dispatches/" + id + "/nodes/1");
                    chromium.waitUpTo(Duration.ofSeconds(30)).withMessage("the node page's first render")
                            .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
                    assertTrue(chromium.driver().findElement(By.cssSelector("#details tr[data-key='logStream'] td")).getText()
                            .startsWith("ecs-lattice/electron/"));
                    chromium.screenshot(UiBrowserTest.SCREENSHOTS.resolve("node-on-ecs.png"));
                }
            }
        }
    }

    private static JsonNode get(UiServer server, String path) throws Exception {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET", path, Map.of());
        assertEquals(200, answer.status(), answer.body());
        return Wire.mapper().readTree(answer.body());
    }
}
