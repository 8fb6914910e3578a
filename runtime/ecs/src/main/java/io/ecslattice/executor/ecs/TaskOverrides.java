package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The size of RunTask's {@code overrides} as ECS counts it: "a total of 8192 characters are allowed for
 * overrides. This limit includes the JSON formatting characters of the override structure". So a spec of
 * quoted strings, whose every {@code "} becomes {@code \"}, may fit in 6 KB raw and still be over.
 */
final class TaskOverrides {
    static final int MAX_CHARACTERS = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskOverrides() {
    }

    /** The characters of the overrides JSON that sets this environment on the task's one container. */
    static int length(Map<String, String> environment) {
        List<Map<String, String>> pairs = environment.entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList();
        try {
            return JSON.writeValueAsString(Map.of("containerOverrides",
                    List.of(Map.of("name", TaskDefinitionSpec.CONTAINER, "environment", pairs)))).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write overrides JSON", e);
        }
    }

    /** Whether RunTask accepts overrides that set this environment. */
    static boolean fit(Map<String, String> environment) {
        return length(environment) <= MAX_CHARACTERS;
    }
}
