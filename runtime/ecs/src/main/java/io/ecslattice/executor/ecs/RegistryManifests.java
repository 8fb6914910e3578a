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
            Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
            if (response.statusCode() == 401 && authorization == null && challenge.isPresent()
                    && challenge.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
                // A public registry (ECR Public, Docker Hub) hands anonymous pullers a token for the repository.
                response = http.send(request.header("Authorization", "Bearer " + anonymousToken(challenge.get())).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            if (response.statusCode() == 200) {
                return Optional.of(response.headers().firstValue("Docker-Content-Digest").orElse("present"));
            }
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() == 400 && tag.startsWith("sha256:")) {
                return Optional.empty();   // some registries answer a digest they cannot resolve with 400 (MANIFEST_INVALID)
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

    /** The token a Bearer challenge's realm gives anonymously for its service and scope. */
    private String anonymousToken(String challenge) throws IOException, InterruptedException {
        java.util.Map<String, String> parameters = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(challenge);
        while (m.find()) {
            parameters.put(m.group(1), m.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            throw new IllegalStateException("registry asked for a token without naming where to get it: " + challenge);
        }
        StringBuilder url = new StringBuilder(realm);
        String separator = realm.contains("?") ? "&" : "?";
        for (String key : java.util.List.of("service", "scope")) {
            if (parameters.containsKey(key)) {
                url.append(separator).append(key).append('=')
                        .append(java.net.URLEncoder.encode(parameters.get(key), java.nio.charset.StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no anonymous token from " + realm + ": HTTP " + response.statusCode());
        }
        com.fasterxml.jackson.databind.JsonNode json = io.ecslattice.wire.Wire.mapper().readTree(response.body());
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new IllegalStateException("the token answer of " + realm + " holds no token");
        }
        return token;
    }
}
