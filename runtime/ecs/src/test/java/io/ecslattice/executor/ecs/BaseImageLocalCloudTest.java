package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base image is built on by digest: a tag is resolved through the registry API at the first build and the
 * digest recorded under cache_dir (and shown by {@code config show}); a pinned digest the registry does not know
 * in that repository fails before any task definition or task, saying so.
 */
@Tag("local-cloud")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BaseImageLocalCloudTest {
    private static final String UNKNOWN = "sha256:" + "0".repeat(64);

    @TempDir
    Path cache;

    @Test
    void aPinnedDigestTheRegistryDoesNotKnowFailsBeforeAnyTaskSayingSo() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String registry = (String) cloud.configSection().get("ecr_registry_override");
        String base = registry + "/ecs-lattice-base@" + UNKNOWN;
        try (EcsExecutor executor = cloud.executor(cache).set("base_image", base).build()) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> executor.prepare(EcsExecutorLocalCloudTest.context(UUID.randomUUID().toString())).get(2, TimeUnit.MINUTES));
            String message = failed.getCause().getMessage();
            assertTrue(message.contains("does not know digest " + UNKNOWN + " in repository ecs-lattice-base"), message);
            assertEquals(0, executor.awsCalls().count("ecs:RegisterTaskDefinition") + executor.awsCalls().count("ecs:RunTask"),
                    executor.awsCalls().calls().toString());
        }
    }

    @Test
    void aBaseNamedByTagIsResolvedAtTheFirstBuildRecordedAndShown() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String registry = (String) cloud.configSection().get("ecr_registry_override");
        String base = registry + "/ecs-lattice-base:latest";
        String digest = new RegistryManifests().digest("http", registry, "ecs-lattice-base", "latest", null).orElseThrow();
        Map<String, Object> section = new HashMap<>(cloud.configSection());
        section.putAll(Map.of("base_image", base, "cache_dir", cache.toString(), "stack_outputs_file", cloud.outputsFile.toString()));
        EcsExecutorFactory factory = new EcsExecutorFactory();
        assertTrue(factory.facts("ecs", section).get(0).contains("not resolved yet"), factory.facts("ecs", section).toString());

        try (EcsExecutor executor = cloud.executor(cache).set("base_image", base).build()) {
            executor.prepare(EcsExecutorLocalCloudTest.context(UUID.randomUUID().toString())).get(3, TimeUnit.MINUTES);
        }

        String resolved = registry + "/ecs-lattice-base@" + digest;
        assertEquals(java.util.Optional.of(resolved), new BaseImages(BaseImages.recordIn(cache), null).recorded(base),
                Files.readString(BaseImages.recordIn(cache)));
        List<String> facts = factory.facts("ecs", section);
        assertEquals("base_image digest: " + resolved + "  (recorded in " + BaseImages.recordIn(cache) + ")", facts.get(0));
    }
}
