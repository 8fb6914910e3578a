package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.executor.TaskResources;
import io.ecslattice.wire.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * An electron's {@code .cpuArchitecture("ARM64")} on an X86_64 executor gets an image built for linux/arm64 and
 * a task definition with cpuArchitecture ARM64. The local cloud's offline JRE base is amd64 only (no arm64 JRE
 * can be had offline), so the base here is a multi-platform index built from scratch: the images are real and
 * their configs say what they are for, but they hold no JRE, and this amd64 host runs an arm64 task only under
 * qemu-user-static: without it the local agent fails the task to start, saying so.
 */
@Tag("local-cloud")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ArmElectronLocalCloudTest {
    @TempDir
    Path cache;

    @Test
    void anArm64ElectronOnAnX86ExecutorGetsAnArm64ImageAndTaskDefinition() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String base = multiPlatformBase((String) cloud.configSection().get("ecr_registry_override"));

        try (EcsExecutor executor = cloud.executor(cache).set("base_image", base).build()) {
            String dispatch = UUID.randomUUID().toString();
            executor.prepare(EcsExecutorLocalCloudTest.context(dispatch)).get(3, TimeUnit.MINUTES);
            TaskHandle handle = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "arm", "square", List.of("int"), 3),
                    EcsExecutorLocalCloudTest.context(dispatch), new TaskResources(null, null, "ARM64", null))
                    .get(3, TimeUnit.MINUTES);

            TaskDefinition armDefinition = LocalCloud.ecsTasks(executor.settings()).taskDefinition(
                    LocalCloud.ecsTasks(executor.settings()).describeTasks(List.of(handle.ref())).tasks().get(0).taskDefinitionArn());
            assertEquals("ARM64", armDefinition.runtimePlatform().cpuArchitectureAsString());
            String armImage = armDefinition.containerDefinitions().get(0).image();
            String x86Image = executor.image(dispatch).orElseThrow().imageUri();
            assertNotEquals(x86Image, armImage, "an ARM64 task needs an image of its own");
            String pushRegistry = executor.settings().ecrRegistryOverride().orElseThrow();
            assertEquals("arm64", architecture(pushRegistry, armImage));
            assertEquals("amd64", architecture(pushRegistry, x86Image));

            TaskOutcome outcome = executor.await(handle).get(3, TimeUnit.MINUTES);
            assertFalse(outcome.result().succeeded());
            if (!Files.exists(Path.of("/usr/bin/qemu-aarch64-static"))) {
                assertEquals("TaskFailedToStart", outcome.details().get("stopCode"), outcome.details().toString());
                assertTrue(outcome.details().get("stoppedReason").contains("qemu-user-static"), outcome.details().toString());
            }
        }
    }

    /** A linux/amd64 + linux/arm64 index from scratch (one small file), pushed to the local registry by tag. */
    private static String multiPlatformBase(String registry) throws Exception {
        Path file = Files.createTempFile("base-", ".txt");
        Files.writeString(file, "a multi-platform test base without a JRE\n");
        String reference = registry + "/ecs-lattice-test-base:multi";
        Jib.fromScratch().addLayer(List.of(file), AbsoluteUnixPath.get("/base"))
                .setPlatforms(Set.of(new Platform("amd64", "linux"), new Platform("arm64", "linux")))
                .containerize(Containerizer.to(RegistryImage.named(reference)).setAllowInsecureRegistries(true));
        return reference;
    }

    /** The architecture that an image's config (in the local registry) names. */
    private static String architecture(String registry, String imageUri) throws Exception {
        String repositoryAndTag = imageUri.substring(imageUri.indexOf('/') + 1);
        String repository = repositoryAndTag.substring(0, repositoryAndTag.lastIndexOf(':'));
        String tag = repositoryAndTag.substring(repositoryAndTag.lastIndexOf(':') + 1);
        HttpClient http = HttpClient.newHttpClient();
        String manifest = http.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json")
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String config = Wire.mapper().readTree(manifest).path("config").path("digest").asText();
        JsonNode blob = Wire.mapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/blobs/" + config)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return blob.path("architecture").asText();
    }
}
