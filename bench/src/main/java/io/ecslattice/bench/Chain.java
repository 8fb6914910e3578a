package io.ecslattice.bench;

import io.ecslattice.executor.Executor;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Electron1;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattice0;
import io.ecslattice.workflow.Value;

/** {@code length} dependent no-op electrons, each fed its predecessor's value: one ready at a time. */
final class Chain {

    private Chain() {
    }

    static Lattice0<Integer> lattice(String name, int length, Executor executor) {
        Electron1<Integer, Integer> next = Electron.of(BenchElectrons::next).executor(executor);
        return Lattice.of(name, () -> {
            Value<Integer> value = Value.of(0);
            for (int i = 0; i < length; i++) {
                value = next.call(value);
            }
            return value;
        });
    }
}
