package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.wire.Wire;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The registry loses an image while the {@code cache_dir} marker still says it is there, through
 * {@code registry_drill.py}: the stack's lifecycle rule expires it, or the repository is destroyed and created again
 * ({@code make destroy} + {@code make deploy}). The task of that image cannot be pulled, which drops the marker;
 * the next dispatch rebuilds and pushes the image and its task runs. Each test uses a repository of its own.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RegistryDrillLocalCloudTest {
    @TempDir
    Path dir;
    private final LocalCloud cloud = LocalCloud.require();
    private final String repository = "ecs-lattice-drill-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void imageExpiredByTheLifecyclePolicyIsRebuiltByTheNextDispatch() throws Exception {
        try (EcsExecutor executor = executorOnOwnRepository()) {
            List<Path> older = classpath("older");
            assertTrue(prepare(executor, older).built());
            assertTrue(prepare(executor, classpath("newer")).built());

            // The stack's own rule keeps the newest 50; with 1 the older of two images is the one it expires.
            drill("expire", lifecyclePolicyKeeping(1).toString(), repository);

            assertNextDispatchesRecover(executor, older);
        }
    }

    @Test
    void imageOfADestroyedAndRecreatedRepositoryIsRebuiltByTheNextDispatch() throws Exception {
        try (EcsExecutor executor = executorOnOwnRepository()) {
            List<Path> code = classpath("code");
            assertTrue(prepare(executor, code).built());

            drill("destroy", repository);

            assertNextDispatchesRecover(executor, code);
        }
    }

    /** The marker is still trusted, so one task meets the missing image; after it, the image is rebuilt and runs. */
    private void assertNextDispatchesRecover(EcsExecutor executor, List<Path> classpath) throws Exception {
        TaskImageBuilder.Image trusted = prepare(executor, classpath);
        assertFalse(trusted.built(), "the marker under cache_dir still vouches for " + trusted.imageUri());
        TaskOutcome lost = square(executor, classpath, 4);
        assertEquals("CannotPullContainerError", lost.result().error().type(), lost.result().error().message());

        TaskImageBuilder.Image rebuilt = prepare(executor, classpath);
        assertTrue(rebuilt.built(), "the marker was dropped: the image is built and pushed again");
        TaskOutcome ran = square(executor, classpath, 5);
        assertTrue(ran.result().succeeded(), () -> ran.result().error().message());
        assertEquals(25, ran.result().value().asInt());
    }

    private EcsExecutor executorOnOwnRepository() {
        try (EcrClient ecr = EcrClient.create()) {
            ecr.createRepository(r -> r.repositoryName(repository));
        }
        return cloud.executor(dir.resolve("cache")).ecrRepoName(repository).build();
    }

    private static TaskImageBuilder.Image prepare(EcsExecutor executor, List<Path> classpath) throws Exception {
        String dispatch = UUID.randomUUID().toString();
        executor.prepare(new TaskContext(dispatch, "drill", classpath)).get(3, TimeUnit.MINUTES);
        return executor.image(dispatch).orElseThrow();
    }

    private static TaskOutcome square(EcsExecutor executor, List<Path> classpath, int x) throws Exception {
        String dispatch = UUID.randomUUID().toString();
        var handle = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "n", "square", List.of("int"), x),
                new TaskContext(dispatch, "drill", classpath)).get(3, TimeUnit.MINUTES);
        return executor.await(handle).get(3, TimeUnit.MINUTES);
    }

    /** The test classpath plus a class of its own, so each name gives an image of different content. */
    private List<Path> classpath(String name) throws Exception {
        Path source = dir.resolve(name + "/src/Marker.java");
        Path classes = dir.resolve(name + "/classes");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "public class Marker { static final String TEXT = \"" + name + UUID.randomUUID() + "\"; }\n");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()));
        List<Path> classpath = new ArrayList<>(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList());
        classpath.add(classes);
        return classpath;
    }

    /** The synthesized stack template with its lifecycle rule's count set to {@code count}. */
    private Path lifecyclePolicyKeeping(int count) throws Exception {
        Path synthesized = LocalCloud.repositoryRoot().resolve("cdk.out/EcsLatticeStack.template.json");
        assertTrue(Files.isRegularFile(synthesized), "make synth (or make deploy-local) writes " + synthesized);
        ObjectNode template = (ObjectNode) Wire.mapper().readTree(synthesized.toFile());
        for (var resource : template.path("Resources")) {
            if (resource.path("Type").asText().equals("AWS::ECR::Repository")) {
                ObjectNode policy = (ObjectNode) resource.path("Properties").path("LifecyclePolicy");
                ObjectNode rules = (ObjectNode) Wire.mapper().readTree(policy.path("LifecyclePolicyText").asText());
                rules.withArray("rules").forEach(rule -> ((ObjectNode) rule.path("selection")).put("countNumber", count));
                policy.put("LifecyclePolicyText", rules.toString());
            }
        }
        Path copy = dir.resolve("template.json");
        Wire.mapper().writeValue(copy.toFile(), template);
        return copy;
    }

    private void drill(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3",
                LocalCloud.repositoryRoot().resolve("local-cloud/scripts/registry_drill.py").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(cloud.env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "registry_drill.py " + args[0] + " did not end");
        assertEquals(0, process.exitValue(), output);
        System.out.print(output);
    }
}
