package io.ecslattice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Electrons the tests compose: plain static methods, as a user writes them. */
public final class Steps {

    /** Electrons running right now in this JVM (in-process executor only). */
    public static final AtomicInteger RUNNING = new AtomicInteger();
    /** The most electrons seen running at once in this JVM. */
    public static final AtomicInteger MAX_RUNNING = new AtomicInteger();

    public static String join(String a, String b) {
        return String.join(", ", a, b);
    }

    public static String excite(String phrase) {
        System.out.println("exciting " + phrase);
        System.err.println("stderr of excite");
        return phrase + "!";
    }

    public static int square(int x) {
        return x * x;
    }

    public static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static String hello() {
        return "hello";
    }

    public static Point move(Point p, int dx) {
        return new Point(p.x() + dx, p.y());
    }

    /** A record crosses the wire as JSON. */
    public record Point(int x, int y) {
    }

    public static int boom(int x) {
        System.out.println("about to fail on " + x);
        throw new IllegalStateException("boom on " + x);
    }

    /** Sleeps {@code millis}, counting how many electrons run at once; returns millis. */
    public static int sleep(int millis) throws InterruptedException {
        int now = RUNNING.incrementAndGet();
        MAX_RUNNING.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(millis);
        } finally {
            RUNNING.decrementAndGet();
        }
        return millis;
    }

    /**
     * Opened by a test: {@link #gated} electrons (in-process executor) wait for it, so a test decides when they end
     * instead of betting on how long a nap lasts on a loaded machine. Set a fresh latch before each dispatch.
     */
    public static volatile CountDownLatch GATE = new CountDownLatch(0);

    /** Waits (at most two minutes) until the test opens {@link #GATE}, counted in {@link #RUNNING}; returns {@code x}. */
    public static int gated(int x) throws InterruptedException {
        int now = RUNNING.incrementAndGet();
        MAX_RUNNING.accumulateAndGet(now, Math::max);
        try {
            if (!GATE.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } finally {
            RUNNING.decrementAndGet();
        }
        return x;
    }

    /** Waits (at most two minutes) until {@code others} electrons run in this JVM, then returns {@code x}. */
    public static int whenRunning(int others, int x) throws InterruptedException {
        for (int i = 0; i < 12_000 && RUNNING.get() < others; i++) {
            Thread.sleep(10); // the electron's own poll period
        }
        return x;
    }

    /** Appends a line to {@code marker} (so a test can count runs), sleeps, returns {@code value}. */
    public static int markAndSleep(String marker, int millis, int value) throws IOException, InterruptedException {
        Files.writeString(Path.of(marker), "ran\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(millis);
        return value;
    }

    /** Appends {@code "start <name>"}, sleeps, appends {@code "end <name>"} to {@code marker}: a test reads the order. */
    public static int span(String marker, String name, int millis) throws IOException, InterruptedException {
        Files.writeString(Path.of(marker), "start " + name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(millis);
        Files.writeString(Path.of(marker), "end " + name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return millis;
    }

    /**
     * Appends {@code "start <name>"}, waits (at most two minutes) until the file {@code release} exists, appends
     * {@code "end <name>"}; returns 1. A test decides when it ends.
     */
    public static int spanUntil(String marker, String name, String release) throws IOException, InterruptedException {
        Files.writeString(Path.of(marker), "start " + name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        for (int i = 0; i < 2400 && !Files.exists(Path.of(release)); i++) {
            Thread.sleep(50); // the electron's own poll period
        }
        Files.writeString(Path.of(marker), "end " + name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return 1;
    }

    /** Appends {@code "add"} to {@code marker} (so a test can count runs) and returns {@code a + b}. */
    public static int markAndAdd(String marker, int a, int b) throws IOException {
        Files.writeString(Path.of(marker), "add\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return a + b;
    }

    /** The context class loader the last in-process electron of {@link #contextLoader} ran with. */
    public static volatile ClassLoader lastContextLoader;

    /** Records the thread's context class loader, as an electron that loads resources through it would see it. */
    public static String contextLoader() {
        lastContextLoader = Thread.currentThread().getContextClassLoader();
        return String.valueOf(lastContextLoader);
    }

    /** Exits the JVM without a result: what a crashing native library or OOM-kill looks like. */
    public static int exitHard(int code) {
        Runtime.getRuntime().halt(code);
        return code;
    }

    /** Takes Object: cannot be read back from JSON. */
    public static String vague(Object anything) {
        return String.valueOf(anything);
    }

    /** Takes an interface JSON cannot instantiate. */
    public static String runIt(Runnable task) {
        return "ran";
    }

    /** A class without properties or a no-arg constructor. */
    public static final class Opaque {
        private final int secret;

        public Opaque(int secret) {
            this.secret = secret;
        }

        @Override
        public String toString() {
            return "Opaque" + secret;
        }
    }

    public static Opaque makeOpaque(int secret) {
        return new Opaque(secret);
    }

    public String instanceMethod(String s) {
        return s;
    }
}
