package io.ecslattice.bench;

import java.util.List;

/**
 * The benchmark's no-op electrons. Each returns its first argument, which is also what the local
 * agent's simulated mode writes as a task's result, so a fan-out gives the same answer in both modes.
 */
public final class BenchElectrons {

    private BenchElectrons() {
    }

    /** One leaf of the fan-out. */
    public static int leaf(int index) {
        return index;
    }

    /** One link of the chain: its predecessor's value plus one. */
    public static int next(int value) {
        return value + 1;
    }

    /** The reducer: all leaves' values, in order. */
    public static List<Integer> gather(List<Integer> values) {
        return values;
    }
}
