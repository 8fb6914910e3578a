package io.ecslattice.bench;

import io.ecslattice.executor.Executor;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Electron1;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattice0;
import io.ecslattice.workflow.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The benchmark's workflow: {@code leaves} independent no-op electrons feeding one reducer. */
final class FanOut {

    private FanOut() {
    }

    static Lattice0<List<Integer>> lattice(int leaves, Executor executor) {
        Electron1<Integer, Integer> leaf = Electron.of(BenchElectrons::leaf).executor(executor);
        Electron1<List<Integer>, List<Integer>> gather = Electron.of(BenchElectrons::gather).executor(executor);
        return Lattice.of("bench-fan-out-" + leaves, () -> {
            List<Value<Integer>> values = new ArrayList<>(leaves);
            for (int i = 0; i < leaves; i++) {
                values.add(leaf.call(Value.of(i)));
            }
            return gather.call(Value.list(values));
        });
    }

    /** What the lattice must return. */
    static List<Integer> expected(int leaves) {
        return IntStream.range(0, leaves).boxed().toList();
    }
}
