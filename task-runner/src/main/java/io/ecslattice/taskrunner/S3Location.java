package io.ecslattice.taskrunner;

import io.ecslattice.wire.Keys;
import java.net.URI;
import java.util.Objects;

/**
 * An object's place in S3, parsed from the {@code s3://bucket/key} form the wire format uses. The key in the URI is
 * percent-encoded ({@link Keys#s3Uri}), so any key, even one that holds brackets or spaces, makes a URI that parses.
 *
 * @param bucket the bucket name
 * @param key    the object key, without a leading slash
 */
public record S3Location(String bucket, String key) {
    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("s3 location needs a bucket and a key: bucket=" + bucket + ", key=" + key);
        }
    }

    /** Parses {@code s3://bucket/key} (the key percent-encoded); fails with a message naming the bad URI and why. */
    public static S3Location parse(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an s3://bucket/key URI: " + uri + " (" + e.getMessage()
                    + "); build it with new S3Location(bucket, key).toString(), which percent-encodes the key", e);
        }
        if (!"s3".equals(parsed.getScheme()) || parsed.getAuthority() == null || parsed.getRawPath() == null
                || parsed.getRawPath().length() < 2) {
            throw new IllegalArgumentException("not an s3://bucket/key URI: " + uri);
        }
        return new S3Location(parsed.getAuthority(), Keys.keyOfRawPath(parsed.getRawPath()));
    }

    /** True for URIs this class can parse. */
    public static boolean isS3(String uri) {
        return uri != null && uri.startsWith("s3://");
    }

    @Override
    public String toString() {
        return Keys.s3Uri(bucket, key);
    }
}
