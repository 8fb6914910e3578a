package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecslattice.taskrunner.S3FileUpload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A FileRef's file larger than S3 takes in one PUT (5 GB; capped at 6 MiB here through the local cloud's s3/put-cap)
 * still reaches S3, in parts, byte for byte.
 */
@Tag("local-cloud")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class S3UploadLocalCloudTest {

    @Test
    void aFileOverTheSinglePutCapIsUploadedInPartsByteForByte(@TempDir Path dir) throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String bucket = "s3-upload-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] content = new byte[13 * 1024 * 1024 + 7];   // three parts of 5 MiB, the last short
        new Random(19).nextBytes(content);
        Path file = Files.write(dir.resolve("large.bin"), content);
        setPutCap(cloud, 6 * 1024 * 1024, bucket + "/");
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            S3Exception refused = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("one-put"),
                    RequestBody.fromFile(file)));
            assertEquals("EntityTooLarge", refused.awsErrorDetails().errorCode(), "the cap is in force for one PUT");

            String key = new S3Objects(s3, new S3FileUpload(6 * 1024 * 1024, S3FileUpload.MIN_PART_BYTES))
                    .putTree(file, bucket, "inputs/");

            assertEquals("inputs/large.bin", key);
            assertArrayEquals(content, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } finally {
            setPutCap(cloud, null, bucket + "/");
        }
    }

    private static void setPutCap(LocalCloud cloud, Integer bytes, String prefix) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cloud.env.get("AWS_ENDPOINT_URL") + "/_local-cloud/s3/put-cap"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"bytes\": " + bytes + ", \"prefix\": \"" + prefix + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
