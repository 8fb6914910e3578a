package io.ecslattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The blobs (layers, image configs, manifests) the local registry stored at one moment, read from its
 * filesystem storage. What a dispatch pushed is then the blobs of its image (from the image's manifest,
 * asked of the registry) that were not stored before: a blob the registry already had is never uploaded
 * again, and other clients' concurrent pushes of other images are not counted.
 *
 * @param digests {@code sha256:<hex>} of every stored blob
 */
record RegistryBlobs(Set<String> digests) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_TYPES =
            "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";

    /**
     * What one image added to the registry.
     *
     * @param overBase the image's layers not in its base image, plus its config and manifest: what its first push
     *                 sends to a registry holding only the base (a figure that does not depend on earlier pushes)
     */
    record Pushed(int images, int layers, long bytes, long overBase) {
    }

    /** Reads the blob store under the registry's {@code rootdirectory}. */
    static RegistryBlobs snapshot(Path registryRoot) {
        Path blobs = registryRoot.resolve("docker/registry/v2/blobs/sha256");
        Set<String> digests = new HashSet<>();
        if (Files.isDirectory(blobs)) {
            try (Stream<Path> files = Files.walk(blobs)) {
                files.filter(p -> p.getFileName().toString().equals("data"))
                        .forEach(data -> digests.add("sha256:" + data.getParent().getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the registry's blobs under " + blobs, e);
            }
        }
        return new RegistryBlobs(digests);
    }

    /**
     * What pushing {@code image} ({@code <ecr-host>/<repo>:<tag>}, as task definitions name it) added
     * beyond this snapshot, asking the registry at {@code registry} (host:port) for its manifest and for that
     * of {@code baseImage} ({@code <host>/<repo>:<tag>} or {@code <host>/<repo>@sha256:<hex>}).
     */
    Pushed pushedFor(String image, String baseImage, String registry) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = manifest(image, registry);
        Set<String> baseLayers = new HashSet<>();
        JSON.readTree(manifest(baseImage, registry).body()).path("layers")
                .forEach(layer -> baseLayers.add(layer.path("digest").asText()));
        JsonNode manifest = JSON.readTree(answer.body());
        long overBase = answer.body().length + manifest.path("config").path("size").asLong();
        for (JsonNode layer : manifest.path("layers")) {
            if (!baseLayers.contains(layer.path("digest").asText())) {
                overBase += layer.path("size").asLong();
            }
        }
        String manifestDigest = answer.headers().firstValue("Docker-Content-Digest").orElse("");
        int images = digests.contains(manifestDigest) ? 0 : 1;
        long bytes = images == 0 ? 0 : answer.body().length;
        JsonNode config = manifest.path("config");
        if (!digests.contains(config.path("digest").asText())) {
            bytes += config.path("size").asLong();
        }
        int layers = 0;
        for (JsonNode layer : manifest.path("layers")) {
            if (!digests.contains(layer.path("digest").asText())) {
                layers++;
                bytes += layer.path("size").asLong();
            }
        }
        return new Pushed(images, layers, bytes, overBase);
    }

    private static HttpResponse<byte[]> manifest(String image, String registry) throws IOException, InterruptedException {
        String path = image.substring(image.indexOf('/') + 1);
        int split = path.contains("@") ? path.indexOf('@') : path.lastIndexOf(':');
        String repository = path.substring(0, split);
        String reference = path.substring(split + 1);
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                .header("Accept", MANIFEST_TYPES).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException("registry " + registry + " answered " + answer.statusCode() + " for " + repository
                    + " " + reference);
        }
        return answer;
    }
}
