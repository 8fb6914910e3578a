package io.ecslattice.store;

import io.ecslattice.wire.TaskError;
import java.time.Instant;
import java.util.Map;

/**
 * One ended attempt of a node: a node retried twice that then succeeds has three.
 *
 * @param attempt   1 for the first
 * @param status    COMPLETED, FAILED or CANCELLED
 * @param cause     why it failed: {@code electron} (the electron threw), {@code timeout} (it ran past its
 *                  limit and was stopped) or {@code infrastructure} (the task could not start or died without
 *                  a result); null when it succeeded or was cancelled
 * @param error     the error; null when it succeeded
 * @param details   what the executor recorded (ECS taskArn, stoppedReason, capacity retries of RunTask)
 * @param startedAt when the executor accepted it; null when it never started
 * @param endedAt   when it ended
 * @param next      what followed: e.g. {@code retried after 200 ms}; null for the last attempt
 */
public record AttemptRecord(int attempt, Status status, String cause, TaskError error, Map<String, String> details,
                            Instant startedAt, Instant endedAt, String next) {

    /** The value of {@link #cause()} for an electron's own exception. */
    public static final String ELECTRON = "electron";
    /** The value of {@link #cause()} for an attempt stopped by its timeout. */
    public static final String TIMEOUT = "timeout";
    /** The value of {@link #cause()} for a task that could not start or died without a result. */
    public static final String INFRASTRUCTURE = "infrastructure";

    public AttemptRecord {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
