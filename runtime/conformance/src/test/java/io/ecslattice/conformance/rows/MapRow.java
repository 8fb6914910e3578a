package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Run-time fan-out: {@code square.map(range.call(n))} for 0, 1 and many items (the column's {@link Cell#mapItems()}),
 * in one dispatch; the values come back in the order of the items.
 */
public final class MapRow implements Row {

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static int square(int x) {
        return x * x;
    }

    @Override
    public String name() {
        return "map 0 / 1 / many";
    }

    @Override
    public Facts run(Cell cell) {
        var range = Electron.of(MapRow::range);
        var square = Electron.of(MapRow::square);
        var lattice = Lattice.of("map", (Value<Integer> none, Value<Integer> one, Value<Integer> many) -> Value.listOf(
                square.map(range.call(none)), square.map(range.call(one)), square.map(range.call(many))));

        Result<List<List<Integer>>> result = lattice.dispatch(cell.client(), 0, 1, cell.mapItems()).result(cell.patience());

        return Facts.of(result).value(result);
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", List.of(List.of(), List.of(0), squares(cell.mapItems())));
    }

    private static List<Integer> squares(int n) {
        return IntStream.range(0, n).map(i -> i * i).boxed().toList();
    }
}
