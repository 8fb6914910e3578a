package io.ecslattice.taskrunner;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams a file to an S3 object: in one PUT up to {@code threshold} bytes, else as a multipart upload, since S3
 * takes at most 5 GB in one PUT (S3 User Guide, "Uploading objects"). Parts are 5 MiB to 5 GiB, at most 10,000 of
 * them ("Amazon S3 multipart upload limits"), so the part size grows for files over 10,000 parts. Each call has its
 * own time budget ({@link #CALL_TIMEOUT}), so no client's overall call timeout bounds the whole file. The SDK's own
 * multipart support is asynchronous only and needs an async HTTP client (netty or CRT) that the task image leaves
 * out; with the synchronous client the three calls are made here.
 */
public final class S3FileUpload {
    /** S3's smallest part but the last. */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    /** S3's most parts in one upload. */
    static final int MAX_PARTS = 10_000;
    /** The time one PUT or part may take: 64 MiB at 150 KB/s. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(8);
    private static final long DEFAULT_BYTES = 64L * 1024 * 1024;

    private final long threshold;
    private final long partBytes;

    /** Files over {@code threshold} bytes go in parts of {@code partBytes} (at least {@link #MIN_PART_BYTES}). */
    public S3FileUpload(long threshold, long partBytes) {
        if (partBytes < MIN_PART_BYTES || threshold < 1) {
            throw new IllegalArgumentException("parts must be at least " + MIN_PART_BYTES + " bytes (S3's minimum) and the"
                    + " threshold positive; got part " + partBytes + ", threshold " + threshold);
        }
        this.threshold = threshold;
        this.partBytes = partBytes;
    }

    /** One PUT up to 64 MiB, parts of 64 MiB above. */
    public static S3FileUpload standard() {
        return new S3FileUpload(DEFAULT_BYTES, DEFAULT_BYTES);
    }

    /** Streams {@code source} to {@code bucket}/{@code key}; an unfinished multipart upload is aborted. */
    public void upload(S3Client client, Path source, String bucket, String key) {
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (size <= threshold) {
            client.putObject(r -> r.bucket(bucket).key(key).overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)),
                    RequestBody.fromFile(source));
            return;
        }
        long part = Math.max(partBytes, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += part, number++) {
                long from = offset;
                long length = Math.min(part, size - offset);
                int partNumber = number;
                // The provider is asked again when the SDK retries the part: each stream starts at the part's offset.
                RequestBody body = RequestBody.fromContentProvider(() -> slice(source, from, length), length,
                        "application/octet-stream");
                String etag = client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(length).overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)), body).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                // The stack grants no s3:AbortMultipartUpload (the upload's calls need only s3:PutObject): its bucket's
                // lifecycle rule removes the parts of an upload left open after a day.
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    private static InputStream slice(Path source, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(source);
            channel.position(offset);
            return new Bounded(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " at " + offset + ": " + e.getMessage(), e);
        }
    }

    /** At most {@code remaining} bytes of the stream beneath. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
