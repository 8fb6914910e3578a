package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.NodeView;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Redispatch;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.time.Duration;
import java.util.List;

/**
 * Reuse of results: {@code square} is cached, so a second dispatch on the same input reuses the first's value
 * (CACHED) and runs only {@code plus}; a redispatch of the first with a new second argument reuses the unchanged
 * {@code square} too.
 */
public final class CacheRow implements Row {

    static int square(int x) {
        return x * x;
    }

    static int plus(int a, int b) {
        return a + b;
    }

    @Override
    public String name() {
        return "cache + redispatch";
    }

    @Override
    public Facts run(Cell cell) {
        var square = Electron.of(CacheRow::square).cache(Duration.ofHours(1));
        var plus = Electron.of(CacheRow::plus);
        var lattice = Lattice.of("cached", (Value<Integer> x, Value<Integer> y) -> plus.call(square.call(x), y));

        Dispatch<Integer> first = lattice.dispatch(cell.client(), 7, 1);
        Result<Integer> one = first.result(cell.patience());
        Dispatch<Integer> second = lattice.dispatch(cell.client(), 7, 2);
        Result<Integer> two = second.result(cell.patience());
        String again = cell.client().redispatch(first.id(), Redispatch.same().withArgs(7, 3));
        Result<Integer> three = cell.client().attach(again, Integer.class).result(cell.patience());

        return Facts.of(three)
                .with("values", List.of(valueOf(one), valueOf(two), valueOf(three)))
                .with("second dispatch", reuse(cell, second.id(), first.id()))
                .with("redispatch", reuse(cell, again, first.id()))
                .note("first dispatch", one)
                .note("second dispatch", two);
    }

    private static Object valueOf(Result<Integer> result) {
        return result.isCompleted() ? result.value() : result.status();
    }

    private static String reuse(Cell cell, String dispatchId, String firstId) {
        NodeView square = cell.node(dispatchId, "square");
        String from = square.cachedFrom() == null ? "" : firstId.equals(square.cachedFrom()) ? " from the first" : " from " + square.cachedFrom();
        return "square " + square.status() + from + ", plus " + cell.node(dispatchId, "plus").status();
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed()
                .with("values", List.of(50, 51, 52))
                .with("second dispatch", "square CACHED from the first, plus COMPLETED")
                .with("redispatch", "square CACHED from the first, plus COMPLETED");
    }
}
