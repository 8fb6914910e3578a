package io.ecslattice.taskrunner.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.taskrunner.ElectronInvoker;
import io.ecslattice.wire.TaskResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop against a real in-memory queue: delivery, output capture, failures, versions, keep-alive, cancel. */
class WorkerLoopTest {

    private static final Duration IDLE = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    private WorkerLoop loop(WorkSource source, int concurrency, String version) {
        return new WorkerLoop(source, ResultSink.toResultUri(), new ElectronInvoker(getClass().getClassLoader()),
                new WorkerLoop.Options(concurrency, IDLE, Duration.ofMillis(100), version), Clock.systemUTC(),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    }

    private static InMemoryWorkSource source() {
        return new InMemoryWorkSource(Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    @Test
    void runsEveryItemStoresItsResultAcknowledgesItAndExitsWhenIdle() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(source.offer(specs.of("n" + i, "echo", i), null));
        }

        assertEquals(WorkerLoop.Exit.IDLE, loop(source, 1, null).run());

        for (int i = 0; i < 5; i++) {
            assertTrue(source.acknowledged(ids.get(i)));
            assertEquals(1, source.receiveCount(ids.get(i)));
            assertEquals(i, specs.result("n" + i).value().asInt());
        }
    }

    @Test
    void aResultThatCannotBeStoredIsHandedBackSayingWhyAndRunsAgain() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        String id = source.offer(specs.of("1[9]", "echo", 9), null);
        int[] writes = {0};
        ResultSink failsOnce = (spec, result) -> {
            if (writes[0]++ == 0) {
                throw new java.io.IOException("disk full");
            }
            ResultSink.toResultUri().write(spec, result);
        };
        WorkerLoop worker = new WorkerLoop(source, failsOnce, new ElectronInvoker(getClass().getClassLoader()),
                new WorkerLoop.Options(1, IDLE, Duration.ofMillis(100), null), Clock.systemUTC(),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));

        assertEquals(WorkerLoop.Exit.IDLE, worker.run());

        assertEquals("its result could not be stored: java.io.IOException: disk full", source.releasedBecause(id));
        assertEquals(2, source.receiveCount(id));
        assertTrue(source.acknowledged(id));
        assertEquals(9, specs.result("1[9]").value().asInt());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("cannot store the result of electron"), logBytes.toString());
    }

    @Test
    void concurrentElectronsEachCaptureOnlyTheirOwnOutput() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        for (int i = 0; i < 8; i++) {
            source.offer(specs.of("s" + i, "shout", "tag" + i, 100), null);
        }

        assertEquals(WorkerLoop.Exit.IDLE, loop(source, 4, null).run());

        for (int i = 0; i < 8; i++) {
            TaskResult result = specs.result("s" + i);
            String tag = "tag" + i + " ";
            String errTag = "tag" + i + " err ";
            List<String> out = result.stdout().lines().toList();
            List<String> err = result.stderr().lines().toList();
            assertEquals(100, out.size(), "s" + i + " stdout");
            assertEquals(100, err.size(), "s" + i + " stderr");
            assertTrue(out.stream().allMatch(line -> line.startsWith(tag) && !line.contains("err")), result.stdout());
            assertTrue(err.stream().allMatch(line -> line.startsWith(errTag)), result.stderr());
        }
    }

    @Test
    void anElectronThatThrowsFailsAloneAndTheWorkerGoesOn() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        String ok1 = source.offer(specs.of("a", "echo", 1), null);
        String bad = source.offer(specs.of("b", "fail", 2), null);
        String ok2 = source.offer(specs.of("c", "echo", 3), null);

        assertEquals(WorkerLoop.Exit.IDLE, loop(source, 1, null).run());

        assertTrue(source.acknowledged(ok1) && source.acknowledged(bad) && source.acknowledged(ok2));
        assertEquals("failing on 2", specs.result("b").error().message());
        assertEquals(3, specs.result("c").value().asInt());
    }

    @Test
    void anItemOfAnotherCodeVersionIsHandedBackUnrunAndAWorkerOfThatVersionRunsIt() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        String id = source.offer(specs.of("v", "echo", 7), "v2");

        assertEquals(WorkerLoop.Exit.IDLE, loop(source, 1, "v1").run());
        assertFalse(source.acknowledged(id));
        assertFalse(specs.hasResult("v"), "the old worker did not run it");
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("needs code version v2 but this worker runs v1"));

        source.reopen();
        assertEquals(WorkerLoop.Exit.IDLE, loop(source, 1, "v2").run());
        assertTrue(source.acknowledged(id));
        assertEquals(specs.result("v").value().asInt(), 7);
    }

    /**
     * Two live code versions on one pool shape (two clients, or a code change while the old dispatch runs): each
     * version's workers receive the other's electrons too. Before, a worker exited at the first one, its executor started
     * another (a RunTask, a minute billed at least), which exited at the next: workers churned for as long as both
     * versions had work. Now a worker hands the other version's electrons back and goes on with its own.
     */
    @Test
    void withTwoLiveCodeVersionsOnOneQueueAWorkerRunsAllOfItsOwnAndHandsBackTheOthersWithoutExiting() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        List<String> mine = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            theirs.add(source.offer(specs.of("b" + i, "echo", i), "v2"));
            mine.add(source.offer(specs.of("a" + i, "echo", i), "v1"));
        }

        // An idle time that a loaded machine's pauses between receives cannot use up before the v1 items come round.
        WorkerLoop worker = new WorkerLoop(source, ResultSink.toResultUri(), new ElectronInvoker(getClass().getClassLoader()),
                new WorkerLoop.Options(1, Duration.ofSeconds(5), Duration.ofMillis(100), "v1"), Clock.systemUTC(),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        assertEquals(WorkerLoop.Exit.IDLE, worker.run(), "one worker's lifetime");

        for (int i = 0; i < 4; i++) {
            assertTrue(source.acknowledged(mine.get(i)), "v1 electron " + i + " waited for another v1 worker");
            assertFalse(source.acknowledged(theirs.get(i)) || specs.hasResult("b" + i), "v2 electron " + i + " ran on v1");
        }
    }

    @Test
    void aRunningItemIsKeptAliveSoItIsNotDeliveredTwice() throws Exception {
        Specs specs = new Specs(dir);
        // Visibility runs on a clock this test moves, and only after a keep-alive came: however late a loaded machine
        // runs the keep-alive thread, the item outlives its visibility five times over and is never visible again.
        InMemoryWorkSource source = InMemoryWorkSource.withManualClock(Duration.ofSeconds(1), Duration.ofMillis(20));
        WorkerSamples.go = new CountDownLatch(1);
        String id = source.offer(specs.of("slow", "awaitGo"), null);
        // Two threads: had the item become visible again, the idle one would have taken it.
        CompletableFuture<WorkerLoop.Exit> exit = CompletableFuture.supplyAsync(() -> loop(source, 2, null).run());

        for (int step = 0; step < 10; step++) {
            int seen = source.keepAlives(id);
            await("keep-alive " + (seen + 1) + " of the running item").atMost(Duration.ofSeconds(30))
                    .until(() -> source.keepAlives(id) > seen);
            source.advance(Duration.ofMillis(500));
        }
        WorkerSamples.go.countDown();

        assertEquals(WorkerLoop.Exit.IDLE, exit.get(30, TimeUnit.SECONDS));
        assertEquals(1, source.receiveCount(id), "delivered again although kept alive");
        assertEquals("went", specs.result("slow").value().asText());
    }

    @Test
    void aCancelledElectronThatIgnoresItsInterruptIsAcknowledgedAndStopsTheWorkerAfterTheGrace() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        String spinner = source.offer(specs.of("spinner", "spinIgnoringInterrupts"), null);
        WorkerSamples.stopSpinning = false;
        CountDownLatch stopped = new CountDownLatch(1);
        WorkerLoop worker = new WorkerLoop(source, ResultSink.toResultUri(), new ElectronInvoker(getClass().getClassLoader()),
                new WorkerLoop.Options(1, IDLE, Duration.ofMillis(100), null, Duration.ofMillis(300)), Clock.systemUTC(),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8), stopped::countDown);
        CompletableFuture<WorkerLoop.Exit> exit = CompletableFuture.supplyAsync(worker::run);
        try {
            await("the spinning electron to start").atMost(Duration.ofSeconds(10)).until(() -> source.cancel(spinner));

            // Before: the interrupt was all; the electron ran (and its task billed) until someone stopped the task.
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "the worker was not stopped: " + logBytes);
            assertTrue(source.acknowledged(spinner), "the cancelled item is done with, not delivered again");
            assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("still runs 300 ms after its cancel"), logBytes.toString());
        } finally {
            WorkerSamples.stopSpinning = true;   // in a real worker the JVM is gone; here the test ends the electron
            exit.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCancelledElectronIsInterruptedWhileTheOtherFinishes() throws Exception {
        Specs specs = new Specs(dir);
        InMemoryWorkSource source = source();
        String slow = source.offer(specs.of("slow", "nap", 60_000L), null);
        String other = source.offer(specs.of("other", "nap", 300L), null);
        CompletableFuture<WorkerLoop.Exit> exit = CompletableFuture.supplyAsync(() -> loop(source, 2, null).run());

        await("the slow electron to start").atMost(Duration.ofSeconds(10)).until(() -> source.cancel(slow));

        assertEquals(WorkerLoop.Exit.IDLE, exit.get(20, TimeUnit.SECONDS));
        assertEquals("java.lang.InterruptedException", specs.result("slow").error().type());
        assertEquals("rested", specs.result("other").value().asText());
        assertTrue(source.acknowledged(slow) && source.acknowledged(other));
    }
}
