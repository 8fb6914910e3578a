package io.ecslattice.executor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * Reads the files an executor keeps in a storage of its own (ECS: the stack's S3 bucket) for a client that holds
 * a {@code FileRef} of that URI scheme. Found through the service loader by {@link #scheme()}, so runtime-core
 * reads {@code s3://} files without an AWS SDK of its own: runtime-ecs registers the one for {@code s3}.
 */
public interface FileFetcher {

    /** The URI scheme this fetcher reads, e.g. {@code s3}. */
    String scheme();

    /** Opens the file at {@code uri} for reading; fails naming it when there is no such file. */
    InputStream open(URI uri) throws IOException;

    /**
     * Copies the file at {@code uri} to {@code target}, replacing it; or, for a directory (a URI ending in
     * {@code /}), everything under it into directory {@code target}.
     */
    void download(URI uri, Path target) throws IOException;
}
