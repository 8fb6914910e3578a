package io.ecslattice.executor.ecs;

import io.ecslattice.taskrunner.S3FileUpload;
import io.ecslattice.taskrunner.S3Location;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The one class that calls S3 from the client: large task specs up, task results down. */
final class S3Objects {
    private final S3Client client;
    private final S3FileUpload uploads;

    S3Objects(S3Client client) {
        this(client, S3FileUpload.standard());
    }

    /** With {@code uploads} choosing when a file goes in parts (tests use small parts). */
    S3Objects(S3Client client, S3FileUpload uploads) {
        this.client = client;
        this.uploads = uploads;
    }

    void put(S3Location location, byte[] content) {
        client.putObject(r -> r.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                RequestBody.fromBytes(content));
    }

    /**
     * Streams the file or directory {@code source} to {@code prefix} in {@code bucket} (a directory's files
     * under {@code prefix/<name>/}); returns the key of the file or of the directory (ending in {@code /}). Names
     * stay as they are (S3 takes any), so the task runner gives the electron its files under their own names; the
     * FileRef's URI percent-encodes them.
     */
    String putTree(java.nio.file.Path source, String bucket, String prefix) {
        String name = source.getFileName().toString();
        if (!java.nio.file.Files.isDirectory(source)) {
            uploads.upload(client, source, bucket, prefix + name);
            return prefix + name;
        }
        String dir = prefix + name + "/";
        try (var files = java.nio.file.Files.walk(source)) {
            files.filter(java.nio.file.Files::isRegularFile).forEach(file -> uploads.upload(client, file, bucket,
                    dir + source.relativize(file).toString().replace('\\', '/')));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read directory " + source + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** The object's bytes, or empty when there is no such object (a task that died before writing it). */
    Optional<byte[]> get(S3Location location) {
        try {
            return Optional.of(client.getObjectAsBytes(r -> r.bucket(location.bucket()).key(location.key())).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
