package io.ecslattice.executor.ecs;

import io.ecslattice.taskrunner.S3Location;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The one class that calls S3 from the client: large task specs up, task results down. */
final class S3Objects {
    private final S3Client client;

    S3Objects(S3Client client) {
        this.client = client;
    }

    void put(S3Location location, byte[] content) {
        client.putObject(r -> r.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                RequestBody.fromBytes(content));
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
