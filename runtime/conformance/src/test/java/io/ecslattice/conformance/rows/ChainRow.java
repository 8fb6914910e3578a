package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/** A chain: each electron takes the one before's value. */
public final class ChainRow implements Row {

    static int inc(int x) {
        return x + 1;
    }

    static int twice(int x) {
        return 2 * x;
    }

    static String show(int x) {
        return "=" + x;
    }

    @Override
    public String name() {
        return "chain";
    }

    @Override
    public Facts run(Cell cell) {
        var inc = Electron.of(ChainRow::inc);
        var twice = Electron.of(ChainRow::twice);
        var show = Electron.of(ChainRow::show);
        var chain = Lattice.of("chain", (Value<Integer> x) -> show.call(twice.call(inc.call(x))));

        Result<String> result = chain.dispatch(cell.client(), 20).result(cell.patience());

        return Facts.of(result).value(result).with("nodes completed", result.progress().completed());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", "=42").with("nodes completed", 3);
    }
}
