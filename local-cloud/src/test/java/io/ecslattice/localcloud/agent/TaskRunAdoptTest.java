package io.ecslattice.localcloud.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A restarted agent that cannot follow a container it adopts reports the task stopped, saying why, instead of
 * leaving it RUNNING for ever. Real Docker engine (the local cloud's); the control endpoint is recorded by a
 * small HTTP server here, because a task created in the shared moto would be run by the shared agent.
 */
@Tag("local-cloud")
class TaskRunAdoptTest {

    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:123456789012:task/covalent-fargate-cluster/adopt-test";

    private final List<JsonNode> stopped = new CopyOnWriteArrayList<>();
    private HttpServer control;
    private ContainerRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/_local-cloud/ecs/tasks/stopped", exchange -> {
            stopped.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        control.start();
        runtime = new ContainerRuntime(URI.create(System.getenv().getOrDefault("DOCKER_HOST", "unix:///tmp/ecs-lattice-local-cloud/docker.sock")));
    }

    @AfterEach
    void stop() throws Exception {
        control.stop(0);
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void adoptingAContainerThatIsGoneReportsTheTaskStoppedWithTheReason() {
        TaskLaunch launch = new TaskLaunch(TASK_ARN, "adopt-test", "main", "unused:latest", List.of(), List.of(), Map.of(), null, null,
                256, 512, Duration.ofSeconds(2), Optional.empty(), "X86_64", Map.of());
        TaskControl endpoint = new TaskControl(URI.create("http://127.0.0.1:" + control.getAddress().getPort()));
        TaskRun run = new TaskRun(launch, "unused:latest", runtime, null, endpoint, new LogFlusher(),
                new TaskSecrets(arn -> "unused", arn -> "unused"));

        run.adopt("0000000000000000000000000000000000000000000000000000000000000000");

        assertEquals(1, stopped.size(), "reported once: " + stopped);
        JsonNode report = stopped.get(0);
        assertEquals(TASK_ARN, report.path("taskArn").asText());
        assertEquals("EssentialContainerExited", report.path("stopCode").asText());
        assertTrue(report.path("stoppedReason").asText().contains("could not follow container 000000000000"), report.toString());
        assertTrue(report.path("exitCode").isNull(), report.toString());
    }
}
