package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.wire.Wire;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-line code change rebuilds only the classes layer of the changed directory: the registry receives that layer, the image
 * config and the manifest, and none of the dependency jars. Also prints the time from dispatch to the
 * first RunTask with a cold and a warm image cache (figures, not assertions).
 */
@Tag("local-cloud")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ImageRebuildLocalCloudTest {
    @TempDir
    Path dir;

    @Test
    void oneLineChangePushesOnlyTheClassesLayer() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        Path classes = dir.resolve("classes");
        String marker = UUID.randomUUID().toString();
        compileGreeting(classes, "v1-" + marker);
        List<Path> classpath = new ArrayList<>(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList());
        classpath.add(classes);

        try (EcsExecutor executor = cloud.executor(dir.resolve("cache")).build()) {
            long cold = firstRunTaskMillis(executor, classpath);
            TaskImageBuilder.Image first = lastImage;
            assertTrue(first.built(), "new code: image built");
            long warm = firstRunTaskMillis(executor, classpath);
            assertFalse(lastImage.built(), "same code: nothing built");

            compileGreeting(classes, "v2-" + marker);
            long changed = firstRunTaskMillis(executor, classpath);
            TaskImageBuilder.Image second = lastImage;
            assertTrue(second.built());

            String registry = executor.settings().ecrRegistryOverride().orElseThrow();
            String repository = executor.settings().ecrRepoName();
            JsonNode before = Wire.mapper().readTree(manifest(registry, repository, first.tag()));
            byte[] afterBytes = manifest(registry, repository, second.tag());
            JsonNode after = Wire.mapper().readTree(afterBytes);
            Set<String> old = new HashSet<>();
            before.path("layers").forEach(l -> old.add(l.path("digest").asText()));
            List<JsonNode> pushed = new ArrayList<>();
            after.path("layers").forEach(l -> {
                if (!old.contains(l.path("digest").asText())) {
                    pushed.add(l);
                }
            });
            assertEquals(1, pushed.size(), "only the changed directory's classes layer is new: " + pushed);
            long bytes = pushed.get(0).path("size").asLong() + after.path("config").path("size").asLong()
                    + afterBytes.length;
            assertTrue(bytes < 64 * 1024, "a one-line change pushes kilobytes, not the dependencies: " + bytes);
            long total = 0;
            for (JsonNode layer : after.path("layers")) {
                total += layer.path("size").asLong();
            }
            System.out.printf("task image: %d layers, %.1f MB; one-line change pushed %d bytes (classes layer %d B + config +"
                            + " manifest); dispatch -> first RunTask: cold (build+push) %d ms, warm %d ms, after the change %d ms%n",
                    after.path("layers").size(), total / 1e6, bytes, pushed.get(0).path("size").asLong(), cold, warm, changed);
        }
    }

    private TaskImageBuilder.Image lastImage;

    /** Prepares a new dispatch and starts one task in it; the time until RunTask returned. */
    private long firstRunTaskMillis(EcsExecutor executor, List<Path> classpath) throws Exception {
        String dispatch = UUID.randomUUID().toString();
        TaskContext context = new TaskContext(dispatch, "rebuild", classpath);
        long start = System.nanoTime();
        var handle = executor.submit(EcsExecutorLocalCloudTest.spec(dispatch, "n", "square", List.of("int"), 3), context)
                .get(3, TimeUnit.MINUTES);
        long millis = (System.nanoTime() - start) / 1_000_000;
        lastImage = executor.image(dispatch).orElseThrow();
        executor.cancel(handle).get(1, TimeUnit.MINUTES);
        return millis;
    }

    private static void compileGreeting(Path classes, String text) throws Exception {
        Path source = classes.getParent().resolve("src/Greeting.java");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, "public class Greeting { public static String text() { return \"" + text + "\"; } }\n");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, status, "javac of " + source);
    }

    private static byte[] manifest(String registry, String repository, String tag) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", RegistryManifests.ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), "manifest of " + repository + ":" + tag);
        return response.body();
    }
}
