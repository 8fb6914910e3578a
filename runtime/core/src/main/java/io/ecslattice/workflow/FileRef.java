package io.ecslattice.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ecslattice.executor.FileFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A file or directory passed to or returned by an electron by reference: only {@link #uri()} crosses the
 * wire and the results store, never the content. {@code file:///...} is a file on the machine that runs
 * the electron (the local executor); {@code s3://bucket/key} is an object in the stack's bucket (a
 * directory when the key ends in {@code /}). Inside an electron that takes one, {@link #path()} is a local
 * file (the task runner downloaded it); a client that got one back reads it with {@link #openStream()} or
 * {@link #download(Path)}, whatever the scheme.
 *
 * @param uri where the file lives
 */
public record FileRef(String uri) {

    /** Checks the URI: {@code file://} or {@code s3://}. */
    public FileRef {
        try {
            uri = new io.ecslattice.wire.FileRef(uri).uri();
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    /** A reference to the existing local file or directory {@code path}; fails naming it when it does not exist. */
    public static FileRef of(Path path) {
        try {
            return new FileRef(io.ecslattice.wire.FileRef.of(path).uri());
        } catch (IllegalArgumentException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    /**
     * A reference to object {@code key} of {@code bucket} (a directory when {@code key} ends in {@code /}); the key
     * may hold any character, it is percent-encoded in the URI.
     */
    public static FileRef s3(String bucket, String key) {
        return new FileRef(io.ecslattice.wire.FileRef.s3(bucket, key).uri());
    }

    /** True for a local file or directory ({@code file://}). */
    @JsonIgnore
    public boolean isLocal() {
        return uri.startsWith("file:");
    }

    /**
     * The local file or directory: inside an electron that took this reference as an argument it always is one.
     * Outside, an {@code s3} reference has no local path: {@link #download(Path)} it.
     */
    public Path path() {
        if (!isLocal()) {
            throw new WorkflowException("FileRef " + uri + " is in S3; it appears as a local Path only inside an electron "
                    + "that takes it as an argument; elsewhere use download(path) or openStream()");
        }
        return Path.of(URI.create(uri));
    }

    /** The file's name (the last part of its path or key), unescaped. */
    public String name() {
        return new io.ecslattice.wire.FileRef(uri).name();
    }

    /**
     * Opens the file for reading, wherever it lives: a local file directly, an {@code s3} object through the
     * executor plug-in that reads that scheme (runtime-ecs on the classpath, with the same credentials and region
     * as the ECS executor). Fails for a directory.
     */
    public InputStream openStream() throws IOException {
        if (isLocal()) {
            return Files.newInputStream(path());
        }
        return Fetchers.forScheme(URI.create(uri).getScheme(), uri).open(URI.create(uri));
    }

    /**
     * Copies the file to {@code target} (replacing it), or a directory with everything under it into
     * {@code target} as a directory; returns {@code target}. Works for local and {@code s3} references alike.
     */
    public Path download(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!isLocal()) {
            Fetchers.forScheme(URI.create(uri).getScheme(), uri).download(URI.create(uri), target);
            return target;
        }
        Path source = path();
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return target;
    }

    /** The fetchers of this process, one per scheme, found through the service loader on first use. */
    private static final class Fetchers {
        private static final Map<String, FileFetcher> BY_SCHEME = new ConcurrentHashMap<>();

        static FileFetcher forScheme(String scheme, String uri) {
            return BY_SCHEME.computeIfAbsent(scheme, s -> ServiceLoader.load(FileFetcher.class, FileRef.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).filter(f -> f.scheme().equals(s)).findFirst()
                    .orElseThrow(() -> new WorkflowException("cannot read " + uri + ": no FileFetcher for scheme " + s
                            + " on the classpath; add runtime-ecs (it reads s3:// with the ECS executor's credentials)")));
        }
    }
}
