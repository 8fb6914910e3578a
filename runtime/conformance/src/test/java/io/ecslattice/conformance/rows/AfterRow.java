package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Markers;
import io.ecslattice.conformance.NodeView;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.util.List;

/** {@code after}: an electron that takes nothing from another still runs only once that one has completed. */
public final class AfterRow implements Row {

    static String first(String scratch) {
        Markers.write(scratch + "first", "done");
        return "first";
    }

    static String second(String scratch) {
        return Markers.exists(scratch + "first") ? "second, after first" : "second, before first";
    }

    @Override
    public String name() {
        return "after";
    }

    @Override
    public Facts run(Cell cell) {
        var first = Electron.of(AfterRow::first);
        var second = Electron.of(AfterRow::second);
        var lattice = Lattice.of("after", (Value<String> scratch) -> {
            Value<String> one = first.call(scratch);
            return Value.listOf(one, second.call(scratch).after(one));
        });

        Dispatch<List<String>> dispatch = lattice.dispatch(cell.client(), cell.scratch("after"));
        Result<List<String>> result = dispatch.result(cell.patience());

        NodeView one = cell.node(dispatch.id(), "first");
        NodeView two = cell.node(dispatch.id(), "second");
        return Facts.of(result).value(result)
                .with("second started after first ended", two.startedAt() != null && one.endedAt() != null
                        && !two.startedAt().isBefore(one.endedAt()));
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", List.of("first", "second, after first")).with("second started after first ended", true);
    }
}
