package io.ecslattice.conformance.rows;

import static org.awaitility.Awaitility.await;

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
import java.time.Duration;

/**
 * Cancel while running: once the electron says it runs (a marker the row sees), the dispatch is cancelled. It ends
 * CANCELLED well before the electron's ten minutes, the running node is stopped, and its dependant never starts.
 */
public final class CancelRow implements Row {

    static String hold(String scratch) throws InterruptedException {
        Markers.write(scratch + "running", "yes");
        Thread.sleep(600_000);
        return "held ten minutes";
    }

    static String next(String value) {
        return value + "!";
    }

    @Override
    public String name() {
        return "cancel while running";
    }

    @Override
    public Facts run(Cell cell) {
        var hold = Electron.of(CancelRow::hold);
        var next = Electron.of(CancelRow::next);
        var lattice = Lattice.of("cancel", (Value<String> scratch) -> next.call(hold.call(scratch)));
        String scratch = cell.scratch("cancel");

        Dispatch<String> dispatch = lattice.dispatch(cell.client(), scratch);
        await("electron hold of dispatch " + dispatch.id() + " running").atMost(cell.patience())
                .pollInterval(Duration.ofMillis(200)).until(() -> Markers.exists(scratch + "running"));
        boolean accepted = dispatch.cancel();
        Result<String> result = dispatch.result(cell.patience());

        NodeView held = cell.node(dispatch.id(), "hold");
        NodeView dependant = cell.node(dispatch.id(), "next");
        return Facts.of(result)
                .with("cancel accepted", accepted)
                .with("hold", held.status())
                .with("next", dependant.status() + (dependant.started() ? ", started" : ", never started"));
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.cancelled().with("cancel accepted", true).with("hold", "CANCELLED").with("next", "CANCELLED, never started");
    }
}
