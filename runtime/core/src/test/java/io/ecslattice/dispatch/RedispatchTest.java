package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.store.NodeRecord;
import io.ecslattice.store.ResultsStore;
import io.ecslattice.store.Status;
import io.ecslattice.testing.JavaProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redispatch after a one-line change, as a user sees it: a workflow compiled at test time (javax.tools)
 * is dispatched by one JVM, one electron's class is changed and recompiled, and a second JVM redispatches.
 * Electrons run in child JVMs (the local executor's default) and append their name to a file when they run.
 */
class RedispatchTest {

    private static final String FLOW = """
            package cachedemo;

            import io.ecslattice.workflow.Electron;
            import io.ecslattice.workflow.Lattice;
            import io.ecslattice.workflow.Lattices;
            import io.ecslattice.workflow.Value;

            public final class Flow {
                public static void main(String[] args) {
                    var a = Electron.of(StepA::a);
                    var b = Electron.of(StepB::b);
                    var c = Electron.of(StepC::c);
                    var d = Electron.of(StepD::d);
                    var e = Electron.of(StepE::e);
                    var lattice = Lattice.of("redispatch-demo", (Value<String> log, Value<Integer> x) -> {
                        Value<Integer> va = a.call(log, x);
                        Value<Integer> vc = c.call(log, b.call(log, va));
                        return e.call(log, vc, d.call(log, va));
                    });
                    String id = args[0].equals("dispatch") ? Lattices.dispatch(lattice, args[1], Integer.parseInt(args[2]))
                            : Lattices.redispatch(args[1]);
                    System.out.println("ID=" + id);
                    System.out.println("VALUE=" + Lattices.getResult(id, Integer.class, true).value());
                }
            }
            """;

    private static String step(String name, String body, String... params) {
        String declared = java.util.Arrays.stream(params).map(p -> "int " + p).collect(Collectors.joining(", "));
        return """
                package cachedemo;

                public final class Step%s {
                    public static int %s(String log, %s) throws java.io.IOException {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(log), "%s\\n",
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                        return %s;
                    }
                }
                """.formatted(name.toUpperCase(), name, declared, name, body);
    }

    @TempDir
    Path dir;

    @Test
    void aOneLineChangeRerunsOnlyTheChangedElectronAndTheNodesItsNewValueReaches() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/cachedemo"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("Flow.java"), FLOW);
        Files.writeString(src.resolve("StepA.java"), step("a", "x + 1", "x"));
        Files.writeString(src.resolve("StepB.java"), step("b", "y * 2", "y"));
        Files.writeString(src.resolve("StepC.java"), step("c", "z + 100", "z"));
        Files.writeString(src.resolve("StepD.java"), step("d", "w - 1", "w"));
        Files.writeString(src.resolve("StepE.java"), step("e", "p * 1000 + q", "p", "q"));
        compile(src, classes);
        Path runs = dir.resolve("runs.txt");
        Map<String, String> env = Map.of("ECS_LATTICE_DB", dir.resolve("results.db").toString(), "ECS_LATTICE_DATA_DIR",
                dir.resolve("data").toString(), "ECS_LATTICE_CONFIG", dir.resolve("none.toml").toString());
        String classpath = classes + File.pathSeparator + System.getProperty("java.class.path");

        JavaProcess.Outcome first = JavaProcess.run("cachedemo.Flow", classpath, env, dir.resolve("first.log"), 120,
                "dispatch", runs.toString(), "4");
        assertEquals(0, first.exitCode(), first.output());
        // a = 5, b = 10, c = 110, d = 4, e = 110004
        assertTrue(first.output().contains("VALUE=110004"), first.output());
        assertEquals(List.of("a", "b", "c", "d", "e"), sorted(runs));
        String firstId = value(first.output(), "ID");

        Files.writeString(src.resolve("StepB.java"), step("b", "y * 3", "y"));
        compile(src, classes);
        Files.delete(runs);
        JavaProcess.Outcome second = JavaProcess.run("cachedemo.Flow", classpath, env, dir.resolve("second.log"), 120,
                "redispatch", firstId);
        assertEquals(0, second.exitCode(), second.output());
        // b = 15, c = 115, e = 115004
        assertTrue(second.output().contains("VALUE=115004"), second.output());
        assertEquals(List.of("b", "c", "e"), sorted(runs), "only b changed; c and e got new inputs; a and d were reused");

        String secondId = value(second.output(), "ID");
        try (ResultsStore store = ResultsStore.open(dir.resolve("results.db"))) {
            Map<String, NodeRecord> nodes = store.reader().nodes(secondId).stream()
                    .collect(Collectors.toMap(NodeRecord::name, n -> n));
            assertEquals(Status.CACHED, nodes.get("a").status());
            assertEquals(firstId, nodes.get("a").cachedFrom());
            assertEquals("5", nodes.get("a").output().toString());
            assertEquals(Status.CACHED, nodes.get("d").status());
            assertEquals(Status.COMPLETED, nodes.get("b").status());
            assertEquals(Status.COMPLETED, nodes.get("c").status());
            assertEquals(Status.COMPLETED, nodes.get("e").status());
            assertNotNull(nodes.get("b").handle(), "b ran on the executor");
            assertEquals(firstId, store.reader().stored(secondId).orElseThrow().redispatchOf());
        }
    }

    private static void compile(Path src, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (var files = Files.list(src)) {
            files.forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac failed");
    }

    private static List<String> sorted(Path runs) throws IOException {
        return Files.readAllLines(runs).stream().sorted().toList();
    }

    private static String value(String output, String key) {
        Matcher m = Pattern.compile("^" + key + "=(.*)$", Pattern.MULTILINE).matcher(output);
        assertTrue(m.find(), key + " not printed:\n" + output);
        return m.group(1).trim();
    }
}
