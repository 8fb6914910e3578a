package io.ecslattice.executor.ecs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a registry whether it holds a tag, through the registry API that ECR and the local registry
 * both speak: {@code HEAD /v2/<repo>/manifests/<tag>}. The Accept header matters: without it
 * registry 2.8 converts the manifest to schema 1 and answers another digest.
 */
final class RegistryManifests {
    static final String ACCEPT = "application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json, "
            + "application/vnd.oci.image.index.v1+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The manifest digest when the registry has the tag, else empty.
     *
     * @param scheme        {@code https} for ECR, {@code http} for the local cloud's registry
     * @param authorization an {@code Authorization} header value, or null
     */
    Optional<String> digest(String scheme, String registry, String repository, String tag, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + registry + "/v2/" + repository
                        + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", ACCEPT)
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return Optional.of(response.headers().firstValue("Docker-Content-Digest").orElse("present"));
            }
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IllegalStateException("registry " + registry + " answered HEAD of " + repository + ":" + tag
                    + " with HTTP " + response.statusCode());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach registry " + scheme + "://" + registry + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking registry " + registry, e);
        }
    }
}
