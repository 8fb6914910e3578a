package io.ecslattice.taskrunner.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Electrons for the worker loop's tests. */
public final class WorkerSamples {

    private WorkerSamples() {
    }

    static int echo(int x) {
        return x;
    }

    /** Prints its tag on many lines, yielding between them, so concurrent electrons interleave in time. */
    static String shout(String tag, int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println(tag + " " + i);
            System.err.println(tag + " err " + i);
            Thread.yield();
        }
        return tag;
    }

    static int fail(int x) {
        throw new IllegalStateException("failing on " + x);
    }

    static String nap(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "rested";
    }

    /** Set by a test to let {@link #spinIgnoringInterrupts()} return. */
    static volatile boolean stopSpinning;

    /** An electron that never looks at its interrupt: only stopping its JVM (or the test) ends it. */
    static String spinIgnoringInterrupts() {
        long spins = 0;
        while (!stopSpinning) {
            spins++;
            Thread.onSpinWait();
        }
        return "spun " + (spins > 0);
    }

    /** Opened by a test whose electron runs {@link #awaitGo()}. */
    static volatile CountDownLatch go = new CountDownLatch(0);

    /** Runs until the test opens {@link #go}, so the test decides how long it runs, not a timing margin. */
    static String awaitGo() throws InterruptedException {
        if (!go.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the test never let this electron finish");
        }
        return "went";
    }

    static int exit(int code) {
        System.out.println("about to exit with " + code);
        System.exit(code);
        return code;
    }
}
