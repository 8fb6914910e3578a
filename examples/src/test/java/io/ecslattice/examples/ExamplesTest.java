package io.ecslattice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example as a user runs it: its own JVM, the local executor's child JVMs, a fresh results store; each test
 * checks the example's real result (its value, and where the point is reuse or structure, what the store recorded).
 */
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

    /** Rows of {@code sql} over the example's results store, each row's columns joined by '|'. */
    private List<String> store(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("results.db"));
                ResultSet result = db.createStatement().executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    @Test
    void envWorkflowGreetsWithTheElectronsOwnEnvironment() throws Exception {
        String output = run(EnvWorkflow.class);
        assertTrue(output.lines().anyMatch("Hello, World"::equals), output);
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

    @Test
    void runTimeFanOutCubesTheDivisorsOfTwelveOneItemNodeEach() throws Exception {
        String output = run(RunTimeFanOutWorkflow.class);
        assertTrue(output.contains("value: 6 divisors, cubes [1, 8, 27, 64, 216, 1728]"), output);
        List<String> items = store("SELECT node_id, status FROM nodes WHERE parent_id IS NOT NULL ORDER BY seq");
        assertEquals(6, items.size(), "one item node per divisor: " + items);
        assertTrue(items.stream().allMatch(item -> item.matches(".*\\[\\d]\\|COMPLETED")), items.toString());
    }

    @Test
    void sublatticeNormalizesBothWordsInsideTheOuterDispatch() throws Exception {
        String output = run(SublatticeWorkflow.class);
        assertTrue(output.contains("value: Hello, World!"), output);
        assertEquals(List.of("normalize|capitalize", "normalize|capitalize", "normalize|trim", "normalize|trim"),
                store("SELECT group_name, name FROM nodes WHERE group_name IS NOT NULL ORDER BY name"),
                "both calls of normalize inlined as nodes of its group");
    }

    @Test
    void cachedWorkflowReusesTheSlowSquareInTheSecondDispatchAndTheRedispatch() throws Exception {
        String output = run(CachedWorkflow.class);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("first:  ")), output);
        assertTrue(output.contains("value: 50"), output);
        assertTrue(output.contains("value: 51"), output);
        assertTrue(output.contains("value: 52"), output);
        assertEquals(List.of("slowSquare|COMPLETED", "slowSquare|CACHED", "slowSquare|CACHED"),
                store("SELECT n.name, n.status FROM nodes n JOIN dispatches d ON d.id = n.dispatch_id"
                        + " WHERE n.name = 'slowSquare' ORDER BY d.created_at, d.rowid"),
                "slowSquare(7) runs once; the second dispatch and the redispatch reuse it");
        assertEquals(List.of("plus|COMPLETED", "plus|COMPLETED", "plus|COMPLETED"),
                store("SELECT n.name, n.status FROM nodes n JOIN dispatches d ON d.id = n.dispatch_id"
                        + " WHERE n.name = 'plus' ORDER BY d.created_at, d.rowid"),
                "plus runs in every dispatch: its second argument changes");
    }

    @Test
    void fileWorkflowNumbersThePoemsLinesAndReadsTheFirstThree() throws Exception {
        Path poem = Files.writeString(dir.resolve("poem.txt"), "one\ntwo\nthree\nfour\n");
        String output = run(FileWorkflow.class, poem.toString());
        assertTrue(output.contains("value: 1: one\n2: two\n3: three"), output);
        assertFalse(output.contains("4: four"), output);
        String defaultPoem = run(FileWorkflow.class);
        assertTrue(defaultPoem.contains("value: 1: Tyger Tyger, burning bright,"), defaultPoem);
    }

    @Test
    void resultsWorkflowReadsOneDispatchByHandleByIdAsAFutureAndCovalentStyle() throws Exception {
        String output = run(ResultsWorkflow.class);
        assertTrue(output.contains("COMPLETED [2, 2, 2, 3, 2, 2] [1/1 done]"), output);
        assertTrue(output.contains("as a future: [2, 2, 2, 3, 2, 2]"), output);
        assertTrue(output.contains("covalent style: [5, 5]"), output);
        assertEquals(List.of("local", "local"), store("SELECT executor FROM nodes"), "the lattice's executor");
    }

    @Test
    void smokeWorkflowFailReportsTheElectronsException() throws Exception {
        String output = run(SmokeWorkflow.class, "fail");
        assertTrue(output.contains("(smoke_fail): FAILED"), output);
        assertTrue(output.contains("IllegalStateException: smoke: meant to fail"), output);
    }

    @Test
    void smokeWorkflowCancelStopsTheRunningNap() throws Exception {
        String output = run(SmokeWorkflow.class, "cancel");
        assertTrue(output.contains("(smoke_cancel): CANCELLED"), output);
        assertEquals(List.of("nap|CANCELLED"), store("SELECT name, status FROM nodes"));
    }
}
