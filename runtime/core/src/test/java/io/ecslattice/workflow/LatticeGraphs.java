package io.ecslattice.workflow;

import io.ecslattice.graph.Graph;

/** Gives tests of other packages a lattice's graph, which the API keeps to itself. */
public final class LatticeGraphs {

    private LatticeGraphs() {
    }

    /** The graph {@code lattice} dispatches. */
    public static Graph of(Lattice<?> lattice) {
        return lattice.graph();
    }
}
