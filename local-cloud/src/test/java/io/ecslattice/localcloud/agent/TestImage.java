package io.ecslattice.localcloud.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.ecslattice.localcloud.testimage.EchoTask;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test image ({@link EchoTask} on the offline base image, no pulls) with the engine's
 * classic builder and pushes it to the local registry under the stack's ECR repository name.
 */
final class TestImage {
    private TestImage() {
    }

    /** Builds and pushes once per content; returns the local tag (registry/repo:tag). */
    static String pushed(URI dockerHost, String registry, String baseImage, String repository) throws Exception {
        Path classFile = classFile();
        byte[] classBytes = Files.readAllBytes(classFile);
        String tag = "echo-" + sha256(baseImage, classBytes).substring(0, 12);
        String reference = registry + "/" + repository + ":" + tag;
        Path context = Files.createTempDirectory("echo-image");
        try (DockerClient docker = client(dockerHost)) {
            Path target = context.resolve("classes").resolve(EchoTask.class.getName().replace('.', '/') + ".class");
            Files.createDirectories(target.getParent());
            Files.write(target, classBytes);
            Files.writeString(context.resolve("Dockerfile"), "FROM " + baseImage + "\n"
                    + "COPY classes /app/classes\n"
                    + "ENTRYPOINT [\"java\", \"-cp\", \"/app/classes\", \"" + EchoTask.class.getName() + "\"]\n"
                    + "CMD [\"1\", \"0\"]\n");
            docker.buildImageCmd(context.toFile()).withTags(Set.of(reference)).withPull(false)
                    .exec(new BuildImageResultCallback()).awaitImageId(60, TimeUnit.SECONDS);
            PushErrors errors = docker.pushImageCmd(reference).exec(new PushErrors());
            if (!errors.awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pushing " + reference + " took longer than 60 s");
            }
            if (errors.error != null) {
                throw new IllegalStateException("pushing " + reference + " failed: " + errors.error);
            }
        } finally {
            deleteTree(context);
        }
        return reference;
    }

    /** The engine reports a failed push as an item, not as an HTTP error. */
    private static final class PushErrors extends ResultCallback.Adapter<PushResponseItem> {
        private volatile String error;

        @Override
        public void onNext(PushResponseItem item) {
            if (item.getErrorDetail() != null) {
                error = item.getErrorDetail().getMessage();
            }
        }
    }

    private static DockerClient client(URI dockerHost) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost.toString()).build();
        return DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }

    private static Path classFile() throws URISyntaxException {
        return Path.of(EchoTask.class.getResource(EchoTask.class.getSimpleName() + ".class").toURI());
    }

    private static String sha256(String base, byte[] bytes) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(base.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
