package io.ecslattice.executor.ecs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The base image as the task image is built on it: always by digest. A base named by tag is resolved through the
 * registry API ({@code HEAD /v2/<repo>/manifests/<tag>}) at the first build and the digest recorded under
 * {@code cache_dir}, so later builds (and their content-hash tags) stay on that image until the record is removed.
 * A pinned digest is checked once the same way: a registry resolves a digest only within the repository named,
 * so a digest copied from another image fails here, before any task, instead of at the first pull.
 */
final class BaseImages {
    private final Path file;
    private final RegistryManifests manifests;

    BaseImages(Path file, RegistryManifests manifests) {
        this.file = file;
        this.manifests = manifests;
    }

    /** The record's location: {@code <cache_dir>/ecs-lattice/base-images.properties}. */
    static Path recordIn(Path cacheDir) {
        return cacheDir.resolve("ecs-lattice/base-images.properties");
    }

    /** The digest reference recorded for {@code reference}, if a build resolved it already. */
    Optional<String> recorded(String reference) {
        return Optional.ofNullable(load().getProperty(reference));
    }

    /**
     * {@code reference} as {@code registry/repository@sha256:...}: recorded, else resolved (tag) or checked (digest)
     * through the registry and recorded.
     *
     * @param insecure      plain HTTP (the local cloud's registry)
     * @param authorization an {@code Authorization} header for the base's registry, or null (a public registry's
     *                      anonymous token is fetched when it asks for one)
     */
    synchronized String resolve(String reference, boolean insecure, String authorization) {
        Optional<String> known = recorded(reference);
        if (known.isPresent()) {
            return known.get();
        }
        Reference ref = Reference.parse(reference);
        String scheme = insecure ? "http" : "https";
        String asked = ref.digest() != null ? ref.digest() : ref.tag();
        Optional<String> digest = manifests.digest(scheme, ref.registry(), ref.repository(), asked, authorization);
        if (digest.isEmpty() || !digest.get().startsWith("sha256:")) {
            throw new IllegalStateException(ref.digest() != null
                    ? "base_image=" + reference + ": registry " + ref.registry() + " does not know digest " + ref.digest()
                    + " in repository " + ref.repository() + " (a registry resolves a digest only within the repository named; a"
                    + " digest copied from another image names nothing here). Pin a digest of " + ref.registry() + "/"
                    + ref.repository() + ", or name the image by tag to have it resolved and recorded at the first build"
                    : "base_image=" + reference + ": registry " + ref.registry() + " has no tag " + ref.tag() + " in repository "
                    + ref.repository() + "; name an existing tag or pin a digest");
        }
        String resolved = ref.registry() + "/" + ref.repository() + "@" + digest.get();
        Properties record = load();
        record.setProperty(reference, resolved);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "base-images", ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                record.store(out, "base_image references resolved to digests at the first build; remove a line to resolve again");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the base image's digest in " + file, e);
        }
        return resolved;
    }

    private Properties load() {
        Properties record = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                record.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return record;
    }

    /** An image reference taken apart as the registry API needs it; Docker Hub's short names expanded. */
    record Reference(String registry, String repository, String tag, String digest) {
        static Reference parse(String reference) {
            String rest = reference;
            String digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String registry = "registry-1.docker.io";
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String first = rest.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    registry = first;
                    rest = rest.substring(slash + 1);
                }
            }
            String tag = "latest";
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            if (registry.equals("registry-1.docker.io") && !rest.contains("/")) {
                rest = "library/" + rest;
            }
            return new Reference(registry, rest, tag, digest);
        }
    }
}
