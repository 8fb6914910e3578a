package io.ecslattice.wire;

import java.util.Objects;

/**
 * One electron on a pool's work queue (an SQS message body). The spec travels inline, or, when it is too
 * large for a message, as the URI of an object holding it. A worker runs it only when its own code version
 * is {@code codeVersion}, and reports to {@code completionQueueUrl}.
 *
 * @param wireVersion        {@link Wire#VERSION} of the writer
 * @param codeVersion        the image the electron needs (its URI, tagged by the content hash of its layers)
 * @param spec               the spec inline; null when {@code specUri} names it
 * @param specUri            {@code s3://} URI of the spec when it was too large to inline; else null
 * @param completionQueueUrl the queue of the dispatch's completions ({@link PoolEvent}s)
 * @param cancelUri          {@code s3://} URI of the object whose existence means the electron was cancelled
 */
public record WorkMessage(int wireVersion, String codeVersion, TaskSpec spec, String specUri, String completionQueueUrl,
                          String cancelUri) {
    public WorkMessage {
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(completionQueueUrl, "completionQueueUrl");
        if ((spec == null) == (specUri == null)) {
            throw new IllegalArgumentException("a work message carries either the spec or its URI, not "
                    + (spec == null ? "neither" : "both"));
        }
    }
}
