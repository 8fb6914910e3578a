package io.ecslattice.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.ecslattice.store.DispatchSummary;
import io.ecslattice.store.ResultsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hello workflow as a user runs it on ECS: {@code bin/ecs-lattice run io.ecslattice.examples.HelloWorkflow}
 * with {@code ECS_LATTICE_EXECUTOR=ecs}, in a process of its own with a cold {@code cache_dir}. Its task image is
 * built from the CLI's classpath (examples, runtime core, ecs and cli, and all their jars), so the row shows what
 * of that classpath the image carries: the bytes it pushed and its size over the base image.
 */
final class HelloRow {
    static final String NAME = "hello workflow: first dispatch (bin/ecs-lattice run)";
    static final String WORKFLOW = "io.ecslattice.examples.HelloWorkflow";

    private HelloRow() {
    }

    /**
     * Runs the workflow and measures its image.
     *
     * @param root     the repository (holds bin/ecs-lattice and cdk-outputs.json)
     * @param work     a directory of the row's own
     * @param cloudDir the local cloud's state dir (its config.toml, its registry's storage)
     * @param registry the local registry's host:port
     * @param timeout  how long the run may take, compiling the modules first when their sources changed
     */
    static BenchRow run(Path root, Path work, Path cloudDir, String registry, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        TomlMapper toml = new TomlMapper();
        Map<String, Object> config = toml.readValue(cloudDir.resolve("config.toml").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> ecs = (Map<String, Object>) ((Map<String, Object>) config.get("executors")).get("ecs");
        ecs.put("cache_dir", work.resolve("cache").toString());
        Path configFile = work.resolve("config.toml");
        toml.writeValue(configFile.toFile(), config);
        Path log = work.resolve("run.log");

        RegistryBlobs before = RegistryBlobs.snapshot(cloudDir.resolve("registry/data"));
        ProcessBuilder process = new ProcessBuilder(root.resolve("bin/ecs-lattice").toString(), "run", WORKFLOW)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        process.environment().put("ECS_LATTICE_EXECUTOR", "ecs");
        process.environment().put("ECS_LATTICE_CONFIG", configFile.toString());
        process.environment().put("ECS_LATTICE_DATA_DIR", work.resolve("data").toString());
        process.environment().remove("ECS_LATTICE_DB");
        long start = System.nanoTime();
        Process child = process.start();
        if (!child.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("bin/ecs-lattice run " + WORKFLOW + " did not end within " + timeout + "; log " + log);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        if (child.exitValue() != 0 || !output.contains("Hello, World!")) {
            throw new IllegalStateException("bin/ecs-lattice run " + WORKFLOW + " exited " + child.exitValue()
                    + " without Hello, World!; log " + log);
        }
        String image;
        try (ResultsStore store = ResultsStore.open(work.resolve("data/results.db"))) {
            List<DispatchSummary> dispatches = store.reader().listDispatches(1, 0);
            if (dispatches.isEmpty()) {
                throw new IllegalStateException("no dispatch in " + store.file() + " after bin/ecs-lattice run; log " + log);
            }
            image = BenchRun.taskFacts(store.reader(), dispatches.get(0).id()).image();
        }
        if (image == null) {
            throw new IllegalStateException("ECS does not know the hello dispatch's tasks; log " + log);
        }
        RegistryBlobs.Pushed pushed = before.pushedFor(image, (String) ecs.get("base_image"), registry);
        return new BenchRow(NAME, "containers", 2, wall, null, null, Map.of(), Map.of(), null, null, null, null, null, null,
                null, null, "wall: process start to exit, JVM start included; goal: image over base at most 15 MB",
                image, null, null).withPushes(pushed);
    }
}
