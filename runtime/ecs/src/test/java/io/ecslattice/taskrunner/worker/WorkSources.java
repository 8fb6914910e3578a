package io.ecslattice.taskrunner.worker;

import io.ecslattice.taskrunner.S3Storage;
import java.io.PrintStream;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Opens an {@link SqsWorkSource} whose log goes where the test can read it (the worker's own writes to stderr). */
public final class WorkSources {
    private WorkSources() {
    }

    /** A worker's SQS work source as {@code WorkerMain} opens it, logging to {@code log}; it closes {@code sqs}. */
    public static WorkSource sqs(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, int visibilitySeconds,
                                 int maxAttempts, String codeVersion, String worker, PrintStream log) {
        return new SqsWorkSource(sqs, new S3Storage(), queueUrl, deadLetterQueueUrl, visibilitySeconds, maxAttempts, codeVersion,
                worker, log);
    }
}
