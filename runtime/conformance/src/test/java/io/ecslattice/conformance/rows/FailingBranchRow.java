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
import java.time.Duration;

/**
 * Covalent's failure semantics: an electron fails while an independent one runs. The dispatch fails naming the
 * failed electron; the independent one, still running when the other threw, completes; the failed one's
 * dependants never start. Markers make the overlap certain: the failing electron throws only once the
 * independent one runs, and the independent one returns only once the other has thrown.
 */
public final class FailingBranchRow implements Row {
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    static String independent(String scratch) throws InterruptedException {
        Markers.write(scratch + "independent-running", "yes");
        return Markers.await(scratch + "failing", PATIENCE) ? "ran past the failure" : "never saw the failure";
    }

    static String explode(String scratch) throws InterruptedException {
        if (!Markers.await(scratch + "independent-running", PATIENCE)) {
            throw new IllegalArgumentException("the independent electron never ran");
        }
        Markers.write(scratch + "failing", "yes");
        throw new IllegalStateException("failing on purpose");
    }

    static String dependent(String value) {
        return value + "!";
    }

    static String join(String a, String b) {
        return a + b;
    }

    @Override
    public String name() {
        return "failing branch";
    }

    @Override
    public Facts run(Cell cell) {
        var independent = Electron.of(FailingBranchRow::independent);
        var explode = Electron.of(FailingBranchRow::explode);
        var dependent = Electron.of(FailingBranchRow::dependent);
        var join = Electron.of(FailingBranchRow::join);
        var lattice = Lattice.of("failing branch",
                (Value<String> scratch) -> join.call(dependent.call(explode.call(scratch)), independent.call(scratch)));

        Dispatch<String> dispatch = lattice.dispatch(cell.client(), cell.scratch("failing-branch"));
        Result<String> result = dispatch.result(cell.patience());

        NodeView other = cell.node(dispatch.id(), "independent");
        NodeView dependentNode = cell.node(dispatch.id(), "dependent");
        NodeView joinNode = cell.node(dispatch.id(), "join");
        return Facts.of(result)
                .with("independent", other.status() + " " + other.output())
                .with("dependants", dependentNode.status() + ", " + joinNode.status())
                .with("dependants started", dependentNode.started() || joinNode.started());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.failed("explode", "java.lang.IllegalStateException")
                .with("independent", "COMPLETED \"ran past the failure\"")
                .with("dependants", "CANCELLED, CANCELLED")
                .with("dependants started", false);
    }
}
