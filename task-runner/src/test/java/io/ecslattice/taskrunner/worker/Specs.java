package io.ecslattice.taskrunner.worker;

import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds specs of {@link WorkerSamples} electrons whose results go under a directory, and reads them back. */
final class Specs {

    private final Path dir;

    Specs(Path dir) {
        this.dir = dir;
    }

    TaskSpec of(String node, String method, Object... args) {
        List<String> types = new ArrayList<>();
        for (Object arg : args) {
            types.add(arg instanceof Integer ? "int" : arg instanceof Long ? "long" : arg.getClass().getName());
        }
        return new TaskSpec(Wire.VERSION, "d", node, 1, WorkerSamples.class.getName(), method, types,
                List.of(args).stream().map(a -> Wire.mapper().valueToTree(a)).map(com.fasterxml.jackson.databind.JsonNode.class::cast).toList(),
                dir.resolve(node + ".json").toUri().toString());
    }

    boolean hasResult(String node) {
        return Files.exists(dir.resolve(node + ".json"));
    }

    TaskResult result(String node) throws IOException {
        return Wire.mapper().readValue(dir.resolve(node + ".json").toFile(), TaskResult.class);
    }
}
