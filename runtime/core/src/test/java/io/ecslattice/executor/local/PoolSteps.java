package io.ecslattice.executor.local;

/** Electrons for the local pool's tests: static methods the pool's JVMs load from the test classpath. */
public final class PoolSteps {

    private PoolSteps() {
    }

    /** The pid of the JVM that runs it. */
    public static long pid(int ignored) {
        return ProcessHandle.current().pid();
    }

    /** Prints its tag on many lines of stdout and stderr, yielding between them so concurrent electrons interleave. */
    public static String shout(String tag, int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println(tag + " line " + i);
            System.err.println(tag + " err " + i);
            Thread.yield();
        }
        return tag;
    }

    /** Spins without ever looking at its interrupt: only killing its JVM stops it. */
    public static int stubborn(int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        return (int) spins;
    }
}
