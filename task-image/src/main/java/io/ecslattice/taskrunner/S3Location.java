package io.ecslattice.taskrunner;

import java.net.URI;
import java.util.Objects;

/**
 * An object's place in S3, parsed from the {@code s3://bucket/key} form the wire format uses.
 *
 * @param bucket the bucket name
 * @param key    the object key, without a leading slash
 */
public record S3Location(String bucket, String key) {
    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("s3 location needs a bucket and a key: s3://" + bucket + "/" + key);
        }
    }

    /** Parses {@code s3://bucket/key}; fails with a message naming the bad URI. */
    public static S3Location parse(String uri) {
        URI parsed = URI.create(uri);
        if (!"s3".equals(parsed.getScheme()) || parsed.getAuthority() == null || parsed.getPath() == null
                || parsed.getPath().length() < 2) {
            throw new IllegalArgumentException("not an s3://bucket/key URI: " + uri);
        }
        return new S3Location(parsed.getAuthority(), parsed.getPath().substring(1));
    }

    /** True for URIs this class can parse. */
    public static boolean isS3(String uri) {
        return uri != null && uri.startsWith("s3://");
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
