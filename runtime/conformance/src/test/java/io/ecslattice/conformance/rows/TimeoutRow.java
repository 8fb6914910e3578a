package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.time.Duration;

/** A timeout: an electron that would sleep ten minutes is stopped after 5 s and fails its node with a Timeout error. */
public final class TimeoutRow implements Row {

    static String sleepy(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        return "woke up";
    }

    static String wake(String value) {
        return value + "!";
    }

    @Override
    public String name() {
        return "timeout";
    }

    @Override
    public Facts run(Cell cell) {
        var sleepy = Electron.of(TimeoutRow::sleepy).timeout(Duration.ofSeconds(5));
        var wake = Electron.of(TimeoutRow::wake);
        var lattice = Lattice.of("timeout", (Value<Integer> seconds) -> wake.call(sleepy.call(seconds)));

        Dispatch<String> dispatch = lattice.dispatch(cell.client(), 600);
        Result<String> result = dispatch.result(cell.patience());

        return Facts.of(result)
                .with("error names the limit", result.error() != null && result.error().message().contains("timeout of 5 s"))
                .with("wake started", cell.node(dispatch.id(), "wake").started());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.failed("sleepy", "Timeout").with("error names the limit", true).with("wake started", false);
    }
}
