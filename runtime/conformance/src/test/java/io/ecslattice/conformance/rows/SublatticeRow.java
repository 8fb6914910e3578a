package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.NodeView;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.util.List;

/** A sublattice called twice in one lattice: its electrons join the outer dispatch once per call. */
public final class SublatticeRow implements Row {

    static int twice(int x) {
        return 2 * x;
    }

    static int inc(int x) {
        return x + 1;
    }

    static int add(int a, int b) {
        return a + b;
    }

    @Override
    public String name() {
        return "sublattice twice";
    }

    @Override
    public Facts run(Cell cell) {
        var twice = Electron.of(SublatticeRow::twice);
        var inc = Electron.of(SublatticeRow::inc);
        var add = Electron.of(SublatticeRow::add);
        var inner = Lattice.of("inner", (Value<Integer> x) -> inc.call(twice.call(x)));
        var outer = Lattice.of("outer", (Value<Integer> a, Value<Integer> b) -> add.call(inner.call(a), inner.call(b)));

        Dispatch<Integer> dispatch = outer.dispatch(cell.client(), 3, 10);
        Result<Integer> result = dispatch.result(cell.patience());

        List<NodeView> nodes = cell.nodes(dispatch.id());
        return Facts.of(result).value(result)
                .with("nodes", nodes.size())
                .with("nodes of the sublattice", nodes.stream().filter(n -> "inner".equals(n.group())).count());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", 7 + 21).with("nodes", 5).with("nodes of the sublattice", 4L);
    }
}
