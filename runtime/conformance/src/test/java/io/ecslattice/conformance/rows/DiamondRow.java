package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/** A diamond: one value feeds two electrons whose values meet in a fourth. */
public final class DiamondRow implements Row {

    static int source(int x) {
        return x + 1;
    }

    static int left(int x) {
        return x * 2;
    }

    static int right(int x) {
        return x * 3;
    }

    static String join(int left, int right) {
        return left + "+" + right;
    }

    @Override
    public String name() {
        return "diamond";
    }

    @Override
    public Facts run(Cell cell) {
        var source = Electron.of(DiamondRow::source);
        var left = Electron.of(DiamondRow::left);
        var right = Electron.of(DiamondRow::right);
        var join = Electron.of(DiamondRow::join);
        var diamond = Lattice.of("diamond", (Value<Integer> x) -> {
            Value<Integer> top = source.call(x);
            return join.call(left.call(top), right.call(top));
        });

        Result<String> result = diamond.dispatch(cell.client(), 5).result(cell.patience());

        return Facts.of(result).value(result).with("nodes completed", result.progress().completed());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", "12+18").with("nodes completed", 4);
    }
}
