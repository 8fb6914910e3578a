package io.ecslattice.taskrunner.worker;

import io.ecslattice.taskrunner.S3Storage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The heartbeat of a pool attempt that runs: an S3 object beside its claim, rewritten by its worker at every
 * keep-alive. SQS keeps a received message invisible for at most 12 hours from its receipt, so an electron that
 * runs longer reappears while it still runs, and the worker that receives it finds the claim of the same send.
 * That worker runs a second copy only when the heartbeat has gone stale (the first worker died) and no result
 * was written; while the heartbeat is fresh it puts the message back to be looked at later.
 */
final class AttemptHeartbeat {
    /** What a redelivered attempt of a send that claimed it is doing. */
    enum State {
        /** Its heartbeat is fresh: it runs on another worker. */
        RUNNING,
        /** Its result object exists: it ran to the end. */
        FINISHED,
        /** Neither: the worker that ran it died; it runs again here. */
        ABANDONED
    }

    private AttemptHeartbeat() {
    }

    /** Where the heartbeat of the attempt claimed at {@code claimUri} lives. */
    static String uri(String claimUri) {
        return claimUri + "-heartbeat";
    }

    /** Marks the attempt alive now (S3's Last-Modified is the time). */
    static void beat(S3Storage s3, String claimUri, String worker) {
        s3.write(uri(claimUri), worker.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** The attempt's state; its heartbeat is stale once older than {@code staleAfter} by S3's clock. */
    static State state(S3Storage s3, String claimUri, String resultUri, Duration staleAfter) {
        boolean fresh = s3.age(uri(claimUri)).map(age -> age.compareTo(staleAfter) < 0).orElse(false);
        if (fresh) {
            return State.RUNNING;
        }
        return s3.exists(resultUri) ? State.FINISHED : State.ABANDONED;
    }
}
