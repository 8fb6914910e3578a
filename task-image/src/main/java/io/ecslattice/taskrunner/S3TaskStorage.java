package io.ecslattice.taskrunner;

import java.net.URI;

/** {@code s3://bucket/key} URIs for the task runner, through {@link S3Storage}; found by {@link TaskStorages} with ServiceLoader. */
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
}
