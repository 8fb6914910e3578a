package io.ecslattice.taskrunner;

import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lets a local JVM start before its task exists: it loads the wire format's classes, then waits for its
 * spec file to appear (written by the local executor when a task needs a JVM), so the task skips the
 * JVM's start-up. It gives up when its parent process is gone or the wait is over. Only for
 * {@code file://} specs; containers always get their spec up front.
 */
final class StandbyWait {

    private static final long POLL_MS = 2;
    private static final long PARENT_CHECK_MS = 200;

    private StandbyWait() {
    }

    /** Waits for the spec file {@code env} names, if it asks to; false when the wait ended without one. */
    static boolean awaitSpec(Map<String, String> env) throws InterruptedException {
        String waitMs = env.get(Wire.ENV_SPEC_WAIT_MS);
        String location = env.get(Wire.ENV_SPEC_URI);
        if (waitMs == null || location == null || !location.startsWith("file:")) {
            return true;
        }
        Path spec = Path.of(URI.create(location));
        warmUp();
        long deadline = System.currentTimeMillis() + Long.parseLong(waitMs.trim());
        long nextParentCheck = 0;
        // The executor names itself: had it died while this JVM started, the parent seen now would already be init.
        String namedParent = env.get(Wire.ENV_SPEC_PARENT_PID);
        long parent = namedParent == null ? parentPid() : Long.parseLong(namedParent.trim());
        while (!Files.exists(spec)) {
            long now = System.currentTimeMillis();
            if (now > deadline) {
                return false;
            }
            if (now >= nextParentCheck) {
                // An orphan is re-parented (to init or a subreaper): the executor that started us is gone.
                if (parentPid() != parent) {
                    return false;
                }
                nextParentCheck = now + PARENT_CHECK_MS;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }

    private static long parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** Reads and writes a spec and a result once, so the mapper's classes are loaded before the task arrives. */
    private static void warmUp() {
        try {
            TaskSpec spec = new TaskSpec(Wire.VERSION, "warm-up", "0", 1, StandbyWait.class.getName(), "warmUp",
                    List.of(), List.of(), "file:///dev/null");
            Wire.mapper().readValue(Wire.mapper().writeValueAsBytes(spec), TaskSpec.class);
            TaskResult result = new TaskResult(Wire.VERSION, "warm-up", "0", Wire.mapper().valueToTree(List.of(1, "x")),
                    new TaskError("none", "", ""), "", "", Instant.now(), Instant.now());
            Wire.mapper().readValue(Wire.mapper().writeValueAsBytes(result), TaskResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("the wire format cannot round-trip its own records: " + e.getMessage(), e);
        }
    }
}
