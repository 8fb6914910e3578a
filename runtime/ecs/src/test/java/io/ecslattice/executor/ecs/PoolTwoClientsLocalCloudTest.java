package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill: two client processes use one pool at once (same shape and code, so the same work queue and the same
 * workers), each squaring its own numbers; each gets exactly its own results, each once.
 */
@Tag("local-cloud")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PoolTwoClientsLocalCloudTest {
    static final int ELECTRONS = 6;

    @TempDir
    Path dir;

    @Test
    void twoClientsOnOnePoolEachGetExactlyTheirOwnResults() throws Exception {
        LocalCloud.require();
        List<Process> clients = new ArrayList<>();
        for (int client = 1; client <= 2; client++) {
            clients.add(JavaProcess.start(Client.class, Map.of(), dir.resolve("client-" + client + ".log"),
                    String.valueOf(client * 100), dir.resolve("cache-" + client).toString()));
        }
        for (int client = 1; client <= 2; client++) {
            Process process = clients.get(client - 1);
            Path log = dir.resolve("client-" + client + ".log");
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("client " + client + " did not finish:\n" + Files.readString(log));
            }
            assertEquals(0, process.exitValue(), Files.readString(log));
            List<String> results = Files.readAllLines(log).stream().filter(l -> l.startsWith("RESULT ")).sorted().toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < ELECTRONS; i++) {
                int n = client * 100 + i;
                expected.add("RESULT " + n + " " + (n * n));
            }
            assertEquals(expected.stream().sorted().toList(), results, Files.readString(log));
        }
    }

    /** One client process: squares {@code base .. base+5} on the pool and prints {@code RESULT n n²} per electron. */
    public static final class Client {
        public static void main(String[] args) throws Exception {
            int base = Integer.parseInt(args[0]);
            LocalCloud cloud = LocalCloud.require();
            try (EcsExecutor executor = cloud.executor(Path.of(args[1])).set("mode", "pool").set("pool_max_workers", 2)
                    .set("pool_idle_seconds", 20).build()) {
                String dispatch = UUID.randomUUID().toString();
                TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
                List<TaskHandle> handles = new ArrayList<>();
                for (int i = 0; i < ELECTRONS; i++) {
                    handles.add(executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "n" + (base + i), "square", List.of("int"),
                            base + i), context).get(2, TimeUnit.MINUTES));
                }
                for (int i = 0; i < ELECTRONS; i++) {
                    TaskOutcome outcome = executor.await(handles.get(i)).get(4, TimeUnit.MINUTES);
                    System.out.println("RESULT " + (base + i) + " " + outcome.result().value());
                }
                executor.dispatchEnded(dispatch);
            }
            System.exit(0);
        }
    }
}
