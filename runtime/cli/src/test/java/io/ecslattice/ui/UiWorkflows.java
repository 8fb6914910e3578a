package io.ecslattice.ui;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Electron1;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattice0;
import io.ecslattice.workflow.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Workflows the UI tests dispatch, written as a user would; their electrons run on the default executor. */
final class UiWorkflows {

    private UiWorkflows() {
    }

    static int square(int x) {
        System.out.println("squaring " + x);
        return x * x;
    }

    private static final Map<Integer, CountDownLatch> GATES = new ConcurrentHashMap<>();

    /** Runs until the test {@link #release}s {@code x} (at most 20 s), so a page is sure to see it running. */
    static int slowSquare(int x) throws InterruptedException {
        if (!GATES.computeIfAbsent(x, k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("slowSquare(" + x + ") was never released by its test");
        }
        return x * x;
    }

    /** Lets {@code slowSquare(x)} finish (its test saw it running). */
    static void release(int x) {
        GATES.computeIfAbsent(x, k -> new CountDownLatch(1)).countDown();
    }

    /** Lets every waiting square finish and forgets the gates, for the next test. */
    static void resetGates() {
        GATES.values().forEach(CountDownLatch::countDown);
        GATES.clear();
    }

    static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    static int explode(int x) {
        System.err.println("about to fail on " + x);
        throw new IllegalStateException("cannot handle input " + x);
    }

    /** Runs until cancelled, but never longer than 20 seconds, so no test can hang on it. */
    static int sleepLong(int seconds) throws InterruptedException {
        Thread.sleep(Math.min(seconds, 20) * 1000L);
        return seconds;
    }

    static String echo(String text) {
        return text;
    }

    /** {@code n} squares, each its own node, summed by one more: n + 1 nodes. */
    static Lattice0<Integer> fanOut(String name, int n, boolean slow) {
        Electron1<Integer, Integer> square = slow ? Electron.of(UiWorkflows::slowSquare) : Electron.of(UiWorkflows::square);
        var total = Electron.of(UiWorkflows::sum);
        return Lattice.of(name, () -> {
            List<Value<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                squares.add(square.call(Value.of(i)));
            }
            return total.call(Value.list(squares));
        });
    }

    /** square(3) feeds explode, whose failure fails the lattice; an independent square(4) completes. */
    static Lattice0<Integer> failing() {
        var square = Electron.of(UiWorkflows::square);
        var explode = Electron.of(UiWorkflows::explode);
        var total = Electron.of(UiWorkflows::sum);
        return Lattice.of("ui_failing", () -> total.call(Value.listOf(explode.call(square.call(Value.of(3))), square.call(Value.of(4)))));
    }

    /** A run-time map whose every item fails: its sum never runs, items not yet started never do. */
    static Lattice0<Integer> failingMap(int n) {
        var range = Electron.of(UiWorkflows::range);
        var explode = Electron.of(UiWorkflows::explode);
        var total = Electron.of(UiWorkflows::sum);
        return Lattice.of("ui_failing_map", () -> total.call(explode.map(range.call(Value.of(n)))));
    }

    /** A long sleep, then a node that must never start once the dispatch is cancelled. */
    static Lattice0<Integer> longRunning() {
        var sleep = Electron.of(UiWorkflows::sleepLong);
        var square = Electron.of(UiWorkflows::square);
        return Lattice.of("ui_long_running", () -> square.call(sleep.call(Value.of(20))));
    }

    /** One node whose input and output are {@code size} characters long. */
    static Lattice0<String> bigValue(int size) {
        var echo = Electron.of(UiWorkflows::echo);
        return Lattice.of("ui_big_value", () -> echo.call(Value.of("x".repeat(size))));
    }
}
