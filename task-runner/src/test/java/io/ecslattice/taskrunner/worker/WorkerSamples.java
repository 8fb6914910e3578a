package io.ecslattice.taskrunner.worker;

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

    static int exit(int code) {
        System.out.println("about to exit with " + code);
        System.exit(code);
        return code;
    }
}
