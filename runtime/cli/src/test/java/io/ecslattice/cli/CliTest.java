package io.ecslattice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each CLI command in its own JVM, against a real results store, as a user runs them. */
class CliTest {

    @TempDir
    Path dir;
    private Map<String, String> env;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void config() throws Exception {
        Path config = dir.resolve("config.toml");
        Files.writeString(config, "[executors.local]\nmode = \"in_process\"\n");
        env = Map.of("ECS_LATTICE_DB", dir.resolve("results.db").toString(), "ECS_LATTICE_CONFIG", config.toString(),
                "ECS_LATTICE_DATA_DIR", dir.toString(), "ECS_LATTICE_LEASE_SECONDS", "10");
    }

    private JavaProcess.Outcome cli(String... args) throws Exception {
        return JavaProcess.run(EcsLatticeCli.class, env, dir.resolve("cli-" + runs.incrementAndGet() + ".log"), 60, args);
    }

    private static String dispatchId(String output) {
        return output.lines().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9)).findFirst()
                .orElseThrow(() -> new AssertionError("no dispatch id in:\n" + output));
    }

    @Test
    void runStatusResultAndLogsOfACompletedDispatch() throws Exception {
        JavaProcess.Outcome run = cli("run", CliWorkflows.Hello.class.getName(), "Hi", "there");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Hi, there!"), run.output());
        String id = dispatchId(run.output());

        JavaProcess.Outcome list = cli("status");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().matches("(?s)DISPATCH +NAME +STATUS +PROGRESS.*" + id + " +cli_hello +COMPLETED +2/2 done.*"), list.output());

        JavaProcess.Outcome status = cli("status", id);
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().matches("(?s).*\\n1 +excite +COMPLETED +local +1 .*"), status.output());

        JavaProcess.Outcome result = cli("result", id);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("COMPLETED after") && result.output().contains("value: Hi, there!"), result.output());

        JavaProcess.Outcome logs = cli("logs", id, "excite");
        assertEquals(0, logs.exitCode(), logs.output());
        assertTrue(logs.output().contains("exciting Hi, there") && logs.output().contains("stderr of excite"), logs.output());
    }

    @Test
    void statusListsEveryAttemptOfARetriedNodeWithItsError() throws Exception {
        JavaProcess.Outcome run = cli("run", CliWorkflows.Retried.class.getName(), dir.resolve("flaky").toString());
        assertEquals(0, run.exitCode(), run.output());
        String id = dispatchId(run.output());

        JavaProcess.Outcome status = cli("status", id);

        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().matches("(?s).*\\n0 +flaky +COMPLETED +local +3 .*"), status.output());
        assertTrue(status.output().contains("Attempts of node 0 (flaky):"), status.output());
        assertTrue(status.output().matches("(?s).*\\n1 +FAILED +electron .*java.io.IOException: flaky failure 1 +retried after 0 ms.*"),
                status.output());
        assertTrue(status.output().matches("(?s).*\\n2 +FAILED +electron .*java.io.IOException: flaky failure 2 +retried after 0 ms.*"),
                status.output());
        assertTrue(status.output().matches("(?s).*\\n3 +COMPLETED .*"), status.output());
    }

    @Test
    void failedDispatchGivesExitCodeOneAndNamesTheNode() throws Exception {
        JavaProcess.Outcome run = cli("run", CliWorkflows.Failing.class.getName());
        assertEquals(0, run.exitCode(), run.output());
        String id = dispatchId(run.output());
        JavaProcess.Outcome result = cli("result", id);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("failed node 0 (boom) on local: java.lang.IllegalStateException: boom on 5"), result.output());
    }

    @Test
    void usageErrorsExitTwoAndUnknownDispatchesExitOne() throws Exception {
        JavaProcess.Outcome usage = cli("status", "--no-such-option");
        assertEquals(2, usage.exitCode(), usage.output());
        JavaProcess.Outcome missing = cli("result", "no-such-id");
        assertEquals(1, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("error: no dispatch no-such-id in results store"), missing.output());
        JavaProcess.Outcome noClass = cli("run", "com.example.Nope");
        assertEquals(1, noClass.exitCode(), noClass.output());
        assertTrue(noClass.output().contains("workflow class com.example.Nope is not on the class path"), noClass.output());
    }

    @Test
    void configShowPrintsEachSettingWithItsSource() throws Exception {
        JavaProcess.Outcome show = cli("config", "show");
        assertEquals(0, show.exitCode(), show.output());
        String out = show.output();
        assertTrue(out.contains("config file: " + dir.resolve("config.toml")), out);
        assertTrue(out.matches("(?s).*results_db +=  ?" + dir.resolve("results.db") + " +\\(env ECS_LATTICE_DB\\).*"), out);
        assertTrue(out.matches("(?s).*lease_seconds += 10 +\\(env ECS_LATTICE_LEASE_SECONDS\\).*"), out);
        assertTrue(out.matches("(?s).*default_executor += local +\\(default\\).*"), out);
        assertTrue(out.matches("(?s).*\\[executors.local].*mode +=  ?in_process +\\(" + dir.resolve("config.toml") + " \\[executors.local]\\).*"), out);
    }

    @Test
    void cancelFromAnotherProcessStopsTheDispatchAndResumeRefusesALiveDriver() throws Exception {
        Path log = dir.resolve("sleepy.log");
        Process driver = JavaProcess.start(EcsLatticeCli.class, env, log, "run", CliWorkflows.Sleepy.class.getName());
        try {
            String id = null;
            for (int i = 0; i < 1200 && id == null; i++) {
                Thread.sleep(50);
                id = Files.readString(log).lines().filter(l -> l.startsWith("DISPATCH ")).map(l -> l.substring(9)).findFirst().orElse(null);
            }
            assertTrue(id != null, "no dispatch started:\n" + Files.readString(log));

            JavaProcess.Outcome resume = cli("resume", id);
            assertEquals(1, resume.exitCode(), resume.output());
            assertTrue(resume.output().contains("is driven by a live process"), resume.output());

            JavaProcess.Outcome cancel = cli("cancel", id);
            assertEquals(0, cancel.exitCode(), cancel.output());
            assertTrue(cancel.output().contains("CANCELLED"), cancel.output());
            assertTrue(driver.waitFor(30, TimeUnit.SECONDS), "the driving process ended after the cancel");
            assertTrue(Files.readString(log).contains("ENDED CANCELLED"), Files.readString(log));
        } finally {
            driver.destroyForcibly();
        }
    }
}
