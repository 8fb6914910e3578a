package io.ecslattice.wire;

import java.util.Objects;

/**
 * One electron on a pool's work queue (an SQS message body). The spec travels inline, or, when it is too
 * large for a message, as the URI of an object holding it. A worker runs it only when its own code version
 * is {@code codeVersion}, and reports to {@code completionQueueUrl}.
 * <p>
 * One attempt of a node may be sent more than once: a client killed after SQS took the electron but before
 * the results store held its handle leaves the node pending, and the client that resumes the dispatch sends it
 * again. So each send carries its own {@code sendId}, and the worker that first runs an attempt claims it
 * at {@code claimUri} (an object written only if absent) for that send; a delivery of another send finds the
 * claim held and is dropped unrun. Deliveries of the same send (a dead worker's, or a copy handed back by a
 * worker of another code version) carry the same id and run.
 *
 * @param wireVersion        {@link Wire#VERSION} of the writer
 * @param codeVersion        the image the electron needs (its URI, tagged by the content hash of its layers)
 * @param spec               the spec inline; null when {@code specUri} names it
 * @param specUri            {@code s3://} URI of the spec when it was too large to inline; else null
 * @param completionQueueUrl the queue of the dispatch's completions ({@link PoolEvent}s)
 * @param cancelUri          {@code s3://} URI of the object whose existence means the electron was cancelled
 * @param sendId             unique to this send of the electron; null from writers that did not claim
 * @param claimUri           {@code s3://} URI of the object naming the send that runs this attempt; null with sendId
 */
public record WorkMessage(int wireVersion, String codeVersion, TaskSpec spec, String specUri, String completionQueueUrl,
                          String cancelUri, String sendId, String claimUri) {
    public WorkMessage {
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(completionQueueUrl, "completionQueueUrl");
        if ((spec == null) == (specUri == null)) {
            throw new IllegalArgumentException("a work message carries either the spec or its URI, not "
                    + (spec == null ? "neither" : "both"));
        }
        if ((sendId == null) != (claimUri == null)) {
            throw new IllegalArgumentException("a work message carries both a send id and a claim URI, or neither; got sendId="
                    + sendId + ", claimUri=" + claimUri);
        }
    }
}
