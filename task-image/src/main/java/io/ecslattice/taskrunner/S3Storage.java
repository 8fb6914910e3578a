package io.ecslattice.taskrunner;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Reads the task spec from and writes the task result to S3 inside the container. The client takes
 * region, credentials (the task role) and endpoint from the environment, as the SDK does by itself,
 * so the same code runs on Fargate and on the local cloud. Built lazily: a task whose spec and result
 * are both {@code file://} never loads the S3 client.
 */
public final class S3Storage implements AutoCloseable {
    private S3Client client;

    /** The object's bytes. */
    public byte[] read(String uri) {
        S3Location location = S3Location.parse(uri);
        return client().getObjectAsBytes(GetObjectRequest.builder()
                .bucket(location.bucket()).key(location.key()).build()).asByteArray();
    }

    /** Writes the bytes as the object, replacing any earlier one. */
    public void write(String uri, byte[] content, String contentType) {
        S3Location location = S3Location.parse(uri);
        client().putObject(PutObjectRequest.builder()
                        .bucket(location.bucket()).key(location.key()).contentType(contentType).build(),
                RequestBody.fromBytes(content));
    }

    /**
     * Writes {@code owner} as the object unless it exists (a conditional PUT, atomic in S3), and returns the owner the
     * object names afterwards: {@code owner} when this call wrote it or an earlier one of the same owner did.
     */
    public String claim(String uri, String owner) {
        S3Location location = S3Location.parse(uri);
        for (int attempt = 1; ; attempt++) {
            try {
                client().putObject(PutObjectRequest.builder().bucket(location.bucket()).key(location.key()).ifNoneMatch("*")
                        .contentType("text/plain").build(), RequestBody.fromString(owner, StandardCharsets.UTF_8));
                return owner;
            } catch (S3Exception e) {
                // 412: the object exists. 409: a concurrent conditional write of it is in progress; read it once it is done.
                if (e.statusCode() == 412) {
                    return new String(read(uri), StandardCharsets.UTF_8);
                }
                if (e.statusCode() != 409 || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Streams the object to {@code target} (never held in memory), replacing any file there. */
    public void download(String uri, Path target) throws IOException {
        S3Location location = S3Location.parse(uri);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.deleteIfExists(target);
        client().getObject(GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).build(),
                ResponseTransformer.toFile(target));
    }

    /** Streams {@code source} to the object at {@code uri}, in parts when it is large ({@link S3FileUpload}). */
    public void upload(Path source, String uri) {
        S3Location location = S3Location.parse(uri);
        S3FileUpload.standard().upload(client(), source, location.bucket(), location.key());
    }

    /** The keys under the prefix {@code uri} names, as {@code s3://} URIs. */
    public List<String> list(String uri) {
        S3Location location = S3Location.parse(uri);
        List<String> keys = new ArrayList<>();
        client().listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(location.bucket()).prefix(location.key()).build())
                .contents().forEach(object -> keys.add(new S3Location(location.bucket(), object.key()).toString()));
        return keys;
    }

    /** Whether the object exists (a HEAD request). */
    public boolean exists(String uri) {
        S3Location location = S3Location.parse(uri);
        try {
            client().headObject(r -> r.bucket(location.bucket()).key(location.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * How long ago the object was last written, by S3's own clock (its Last-Modified against the answer's Date, so no
     * host's clock is compared with S3's); empty when the object does not exist.
     */
    public Optional<Duration> age(String uri) {
        S3Location location = S3Location.parse(uri);
        try {
            var head = client().headObject(r -> r.bucket(location.bucket()).key(location.key()));
            Instant now = head.sdkHttpResponse().firstMatchingHeader("Date")
                    .map(date -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                    .orElseGet(Instant::now);
            return Optional.of(Duration.between(head.lastModified(), now));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            // url-connection: the smallest HTTP client, and the container makes two calls at most.
            client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
