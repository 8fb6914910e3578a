package io.ecslattice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples as a user runs them: their own JVM, the local executor's child JVMs, a fresh results store. */
class ExamplesTest {

    @TempDir
    Path dir;

    private String run(Class<?> main, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve(main.getSimpleName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ECS_LATTICE_DATA_DIR", dir.toString());
        builder.environment().put("ECS_LATTICE_CONFIG", dir.resolve("none.toml").toString());
        builder.environment().remove("ECS_LATTICE_DB");
        builder.environment().remove("ECS_LATTICE_EXECUTOR");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), main.getSimpleName() + " did not finish: " + Files.readString(log));
        assertEquals(0, process.exitValue(), Files.readString(log));
        return Files.readString(log);
    }

    @Test
    void helloWorkflowPrintsHelloWorldFromChildJvms() throws Exception {
        String output = run(HelloWorkflow.class);
        assertTrue(output.lines().anyMatch("Hello, World!"::equals), output);
        assertTrue(output.contains("(simple_workflow): COMPLETED"), output);
        assertTrue(Files.exists(dir.resolve("results.db")), "the store lives under the data dir");
        try (var tasks = Files.list(dir.resolve("tasks"))) {
            assertEquals(1, tasks.filter(p -> !p.getFileName().toString().startsWith(".")).count(), "one dispatch's task files");
        }
    }

    @Test
    void fanOutWorkflowSumsTwentySquares() throws Exception {
        String output = run(FanOutWorkflow.class);
        assertTrue(output.contains("sum of squares 1..20 = 2870"), output);
        assertTrue(output.contains("[21/21 done]"), output);
    }

    @Test
    void resilientWorkflowRetriesTheDownloadAndRunsTheTotalAfterTheReportDir() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        String output = run(ResilientWorkflow.class, work.toString());
        assertTrue(output.contains("total = 31"), output);
        assertEquals("31", Files.readString(work.resolve("report").resolve("total.txt")));
        assertTrue(Files.exists(work.resolve("tried-once")), "the first download attempt failed and was retried");
    }
}
