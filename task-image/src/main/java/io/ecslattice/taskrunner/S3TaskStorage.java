package io.ecslattice.taskrunner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code s3://bucket/key} URIs for the task runner, through {@link S3Storage}: specs, results and the files behind
 * {@code FileRef}s. Found by {@link TaskStorages} with ServiceLoader (this module's service file), so the task runner
 * itself carries no AWS SDK.
 */
public final class S3TaskStorage implements TaskStorage {

    private final S3Storage storage = new S3Storage();

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public byte[] read(URI uri) {
        return storage.read(uri.toString());
    }

    @Override
    public void write(URI uri, byte[] bytes) {
        storage.write(uri.toString(), bytes, "application/json");
    }

    @Override
    public void download(URI uri, Path target) throws IOException {
        storage.download(uri.toString(), target);
    }

    @Override
    public void upload(Path source, URI uri) {
        storage.upload(source, uri.toString());
    }

    @Override
    public List<URI> list(URI uri) {
        return storage.list(uri.toString()).stream().map(URI::create).toList();
    }
}
