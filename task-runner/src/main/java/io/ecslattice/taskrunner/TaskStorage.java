package io.ecslattice.taskrunner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes the objects a task exchanges with the process that started it (its spec, its
 * result, the files behind its {@code FileRef}s) for one URI scheme. {@code file} is built in; other schemes
 * (such as {@code s3}, in task-image) are found with {@link java.util.ServiceLoader}, so this module carries no
 * cloud code and a local-only project no cloud SDK.
 */
public interface TaskStorage {

    /** The URI scheme this storage serves, e.g. {@code file} or {@code s3}. */
    String scheme();

    /** The bytes at {@code uri}; fails when there is no object there. */
    byte[] read(URI uri) throws IOException;

    /** Stores {@code bytes} at {@code uri} so that a reader sees either nothing or all of them. */
    void write(URI uri, byte[] bytes) throws IOException;

    /** Streams the object at {@code uri} to {@code target} (never held in memory), replacing any file there. */
    default void download(URI uri, Path target) throws IOException {
        throw new IOException("task storage '" + scheme() + "' cannot download files (" + uri + ")");
    }

    /** Streams {@code source} to the object at {@code uri}. */
    default void upload(Path source, URI uri) throws IOException {
        throw new IOException("task storage '" + scheme() + "' cannot upload files (" + uri + ")");
    }

    /** The objects under the prefix {@code uri} names, as URIs of this scheme. */
    default List<URI> list(URI uri) throws IOException {
        throw new IOException("task storage '" + scheme() + "' cannot list objects (" + uri + ")");
    }
}
