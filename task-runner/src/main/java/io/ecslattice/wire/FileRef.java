package io.ecslattice.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A file or directory passed to or returned by an electron by reference: only {@link #uri()} crosses the
 * wire and the results store, never the content. {@code file:///...} is a file on the machine that runs
 * the electron (the local executor); {@code s3://bucket/key} is an object in the stack's bucket (a
 * directory when the key ends in {@code /}). The task runner downloads an {@code s3} reference an electron
 * takes before it runs, so inside the electron {@link #path()} is a local file; and uploads a local file
 * an ECS electron returns next to its result, so the caller gets an {@code s3} reference.
 *
 * @param uri where the file lives
 */
public record FileRef(String uri) {

    /** The JSON property that marks a FileRef inside any value: {@code {"uri": ...}} with nothing else. */
    private static final String FIELD = "uri";

    public FileRef {
        Objects.requireNonNull(uri, "uri");
        String scheme;
        try {
            scheme = URI.create(uri).getScheme();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FileRef " + uri + " is not a URI (" + e.getMessage() + "); make it with "
                    + "FileRef.of(path) or FileRef.s3(bucket, key), which escape what a URI cannot hold", e);
        }
        if (!"file".equals(scheme) && !"s3".equals(scheme)) {
            throw new IllegalArgumentException("FileRef " + uri + ": the URI must start with file:// (a local file) or "
                    + "s3:// (an object in the stack's bucket)");
        }
    }

    /** A reference to the existing local file or directory {@code path}; fails naming it when it does not exist. */
    public static FileRef of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalArgumentException("FileRef.of(" + path + "): no such file or directory (" + absolute
                    + "); create it first or pass the path of an existing file");
        }
        return new FileRef(absolute.toUri().toString());
    }

    /**
     * A reference to object {@code key} of {@code bucket} (a directory when {@code key} ends in {@code /}); the key may
     * hold any character, it is percent-encoded in the URI.
     */
    public static FileRef s3(String bucket, String key) {
        return new FileRef(Keys.s3Uri(bucket, key));
    }

    /** True for a local file or directory ({@code file://}). */
    @JsonIgnore
    public boolean isLocal() {
        return uri.startsWith("file:");
    }

    /**
     * The local file or directory: inside an electron that took this reference as an argument it always is
     * one (the task runner downloaded it). Outside, an {@code s3} reference has no local path.
     */
    public Path path() {
        if (!isLocal()) {
            throw new IllegalStateException("FileRef " + uri + " is in S3; it appears as a local Path only inside an electron "
                    + "that takes it as an argument (or download it with the AWS SDK)");
        }
        return Path.of(URI.create(uri));
    }

    /** The file's name (the last part of its path or key), unescaped. */
    public String name() {
        String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return Keys.keyOfRawPath(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    /** Fails naming the file when this local reference points at nothing. */
    public void checkExists(String what) {
        if (isLocal() && !Files.exists(path())) {
            throw new IllegalArgumentException(what + ": file " + path() + " does not exist; create it first or pass "
                    + "FileRef.of(an existing file)");
        }
    }

    /** Whether {@code json} is a FileRef as written to JSON. */
    public static boolean isFileRef(JsonNode json) {
        return json != null && json.isObject() && json.size() == 1 && json.get(FIELD) != null && json.get(FIELD).isTextual()
                && (json.get(FIELD).asText().startsWith("file:") || json.get(FIELD).asText().startsWith("s3:"));
    }

    /** {@code json} with every FileRef inside it (at any depth) replaced by what {@code change} returns for it. */
    public static JsonNode rewrite(JsonNode json, Rewrite change) throws IOException {
        if (json == null) {
            return null;
        }
        if (isFileRef(json)) {
            FileRef replaced = change.apply(new FileRef(json.get(FIELD).asText()));
            return Wire.mapper().createObjectNode().put(FIELD, replaced.uri());
        }
        if (json.isArray()) {
            ArrayNode copy = Wire.mapper().createArrayNode();
            for (JsonNode item : json) {
                copy.add(rewrite(item, change));
            }
            return copy;
        }
        if (json.isObject()) {
            ObjectNode copy = Wire.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), rewrite(field.getValue(), change));
            }
            return copy;
        }
        return json;
    }

    /** Visits every FileRef inside {@code json}. */
    public static void forEach(JsonNode json, java.util.function.Consumer<FileRef> visit) {
        try {
            rewrite(json, ref -> {
                visit.accept(ref);
                return ref;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A change of FileRefs that may do I/O (an upload, a download). */
    @FunctionalInterface
    public interface Rewrite {
        FileRef apply(FileRef ref) throws IOException;
    }
}
