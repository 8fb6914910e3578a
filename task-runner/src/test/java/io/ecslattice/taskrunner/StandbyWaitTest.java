package io.ecslattice.taskrunner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.wire.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A JVM started ahead of its task waits for its spec, and gives up as soon as its executor is gone. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StandbyWaitTest {

    @TempDir
    Path dir;

    @Test
    void takesTheSpecOnceTheExecutorWritesIt() throws Exception {
        Path spec = dir.resolve("spec.json");
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        // True only if the spec existed when the wait returned: a wait that returned early fails however late it is seen.
        CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        Thread waiter = new Thread(() -> waiting.complete(await(spec, 60_000, parent) && Files.exists(spec)), "standby-wait");
        waiter.start();
        // Sleeping between two looks at the file: it has looked at least once and found nothing.
        Awaitility.await("the standby wait to poll for its spec").atMost(Duration.ofSeconds(20))
                .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        assertFalse(waiting.isDone(), "returned before the spec existed");
        Files.writeString(spec, "{}");
        assertTrue(waiting.get(10, TimeUnit.SECONDS), "the wait ended without the spec");
    }

    @Test
    void givesUpWhenTheNamedExecutorIsNotItsParent() {
        // The executor died before this JVM looked at its parent: the parent is already someone else (init),
        // so only the pid the executor put in the environment can tell.
        long notTheParent = ProcessHandle.current().pid();
        assertFalse(await(dir.resolve("never.json"), 60_000, notTheParent));
    }

    @Test
    void givesUpWhenTheWaitIsOver() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertFalse(await(dir.resolve("never.json"), 300, parent));
    }

    private static boolean await(Path spec, long waitMs, long parentPid) {
        try {
            return StandbyWait.awaitSpec(Map.of(Wire.ENV_SPEC_WAIT_MS, Long.toString(waitMs),
                    Wire.ENV_SPEC_URI, spec.toUri().toString(), Wire.ENV_SPEC_PARENT_PID, Long.toString(parentPid)));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
