package io.ecslattice.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunnerTest {

    @TempDir
    Path dir;

    private static JsonNode json(Object value) {
        return Wire.mapper().valueToTree(value);
    }

    private TaskSpec spec(String method, List<String> types, List<JsonNode> args) {
        return new TaskSpec(Wire.VERSION, "d1", "n1", 1, Samples.class.getName(), method, types, args,
                dir.resolve("result.json").toUri().toString());
    }

    private TaskResult result() throws Exception {
        return Wire.mapper().readValue(dir.resolve("result.json").toFile(), TaskResult.class);
    }

    @Test
    void argumentsAreReadByTheGenericParameterTypes() {
        TaskResult result = new ElectronInvoker(getClass().getClassLoader()).invoke(spec("total", List.of("java.util.List"),
                List.of(json(List.of(new Samples.Item("a", 2), new Samples.Item("b", 5))))));
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        assertEquals(7, result.value().asInt());
    }

    @Test
    void overloadIsChosenByErasedParameterTypes() {
        ElectronInvoker invoker = new ElectronInvoker(getClass().getClassLoader());
        TaskResult varargs = invoker.invoke(spec("pick", List.of("int", "[Ljava.lang.String;"), List.of(json(1), json(List.of("x", "y")))));
        TaskResult list = invoker.invoke(spec("pick", List.of("long", "java.util.List"), List.of(json(0), json(List.of("x", "y")))));
        assertEquals("y", varargs.value().asText());
        assertEquals("long overload x", list.value().asText());
    }

    @Test
    void capturedOutputIsBoundedAndMarkedWhenCut() {
        TaskResult result = new ElectronInvoker(getClass().getClassLoader()).invoke(spec("chatty", List.of("int"), List.of(json(5000))));
        assertTrue(result.stdout().endsWith(Wire.TRUNCATION_MARKER));
        assertEquals(Wire.MAX_CAPTURED_CHARS + Wire.TRUNCATION_MARKER.length(), result.stdout().length());
        assertTrue(result.stdout().startsWith("line 0 of chatter"));
    }

    @Test
    void runnerWritesTheResultAndExitsZeroOrOne() throws Exception {
        Path specFile = dir.resolve("spec.json");
        Files.write(specFile, Wire.mapper().writeValueAsBytes(spec("total", List.of("java.util.List"), List.of(json(List.of())))));
        assertEquals(0, TaskRunner.run(Map.of(Wire.ENV_SPEC_URI, specFile.toUri().toString())));
        assertEquals(0, result().value().asInt());

        String inline = Wire.mapper().writeValueAsString(spec("fail", List.of(), List.of()));
        assertEquals(1, TaskRunner.run(Map.of(Wire.ENV_SPEC, inline)));
        TaskResult failed = result();
        assertEquals("java.lang.UnsupportedOperationException", failed.error().type());
        assertEquals("not today", failed.error().message());
        assertTrue(failed.error().stackTrace().contains("at io.ecslattice.taskrunner.Samples.fail"));
    }

    @Test
    void unknownMethodIsReportedAsTheTasksError() throws Exception {
        String inline = Wire.mapper().writeValueAsString(spec("nope", List.of("int"), List.of(json(1))));
        assertEquals(1, TaskRunner.run(Map.of(Wire.ENV_SPEC, inline)));
        assertEquals("java.lang.NoSuchMethodException", result().error().type());
        assertTrue(result().error().message().startsWith("could not run io.ecslattice.taskrunner.Samples.nope"), result().error().message());
    }

    @Test
    void missingOrForeignSpecExitsTwo() throws Exception {
        assertEquals(2, TaskRunner.run(Map.of()));
        assertEquals(2, TaskRunner.run(Map.of(Wire.ENV_SPEC_URI, dir.resolve("absent.json").toUri().toString())));
        String future = Wire.mapper().writeValueAsString(spec("total", List.of(), List.of())).replace("\"wireVersion\":1", "\"wireVersion\":99");
        assertEquals(2, TaskRunner.run(Map.of(Wire.ENV_SPEC, future)));
        assertEquals(2, TaskRunner.run(Map.of(Wire.ENV_SPEC_URI, "ftp://host/spec.json")));
    }
}
