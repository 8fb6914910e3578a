package io.ecslattice.executor.ecs;

import java.util.List;

/** Electrons the end-to-end tests run in ECS tasks on the local cloud. */
public final class E2eElectrons {
    private E2eElectrons() {
    }

    public static String joinWords(String a, String b) {
        return String.join(", ", a, b);
    }

    public static String excitement(String phrase) {
        return phrase + "!";
    }

    public static int square(int x) {
        System.out.println("squaring " + x);
        return x * x;
    }

    /** 0, 1, ..., n - 1: the list a run-time map fans out over. */
    public static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    public static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    /** Prints, then throws from a nested call so the stack trace has depth. */
    public static String explode(String why) {
        System.out.println("about to fail: " + why);
        System.err.println("stderr before failing");
        return deeper(why);
    }

    private static String deeper(String why) {
        throw new IllegalStateException("electron failed on purpose: " + why);
    }

    /** Leaves the JVM without a result, as a crash or a native abort would. */
    public static String exitWithoutResult(int code) {
        System.out.println("exiting with " + code + " before any result is written");
        System.exit(code);
        return "unreachable";
    }

    /** Busy for {@code seconds}, never looking at its interrupt: a cancel or timeout cannot stop it in its JVM. */
    public static String spinIgnoringInterrupts(int seconds) {
        System.out.println("spinning " + seconds + " s, deaf to interrupts");
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
            Thread.onSpinWait();
        }
        return "spun " + spins;
    }

    public static String sleep(int seconds) throws InterruptedException {
        System.out.println("sleeping " + seconds + " s");
        Thread.sleep(seconds * 1000L);
        return "slept";
    }

    /** The text of a classpath resource: which code version the JVM that ran it was built from. */
    public static String resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = E2eElectrons.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? "(no " + name + ")" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Returns its (large) argument's length: the spec goes through S3 when over the inline limit. */
    public static int length(String text) {
        return text.length();
    }

    /**
     * Its first run writes {@code markerUri} (so a test sees it running) and blocks until its worker or task is
     * killed (2 minutes at most); any later run answers x² at once.
     */
    public static int squareOnceTheFirstRunDied(String markerUri, int x) throws InterruptedException {
        try (io.ecslattice.taskrunner.S3Storage s3 = new io.ecslattice.taskrunner.S3Storage()) {
            if (!s3.exists(markerUri)) {
                s3.write(markerUri, "first run".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
                System.out.println("first run of " + x + ": blocking until the worker is killed");
                Thread.sleep(120_000);
            }
        }
        return x * x;
    }

    /** Writes one uniquely keyed object under {@code runsPrefix} per run (counting runs apart from any store), then x². */
    public static int squareCountingRuns(String runsPrefix, int x) {
        try (io.ecslattice.taskrunner.S3Storage s3 = new io.ecslattice.taskrunner.S3Storage()) {
            s3.write(runsPrefix + java.util.UUID.randomUUID(), new byte[0], "text/plain");
        }
        return x * x;
    }

    /** Writes one uniquely keyed object under {@code runsPrefix} as it starts (so every copy counts), sleeps, returns the seconds. */
    public static int sleepCountingRuns(String runsPrefix, int seconds) throws InterruptedException {
        try (io.ecslattice.taskrunner.S3Storage s3 = new io.ecslattice.taskrunner.S3Storage()) {
            s3.write(runsPrefix + java.util.UUID.randomUUID(), new byte[0], "text/plain");
        }
        Thread.sleep(seconds * 1000L);
        return seconds;
    }
}
