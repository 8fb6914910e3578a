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
import io.ecslattice.workflow.Retry;
import io.ecslattice.workflow.Value;
import java.io.IOException;

/**
 * Retries by exception type: an electron that throws the listed {@code IOException} twice is tried again and
 * completes on its third attempt; the next one throws an exception of another type under the same policy and fails
 * on its first. Attempts are counted with markers, so they are counted whichever process or container ran them.
 */
public final class RetryRow implements Row {

    static String flaky(String scratch) throws IOException {
        int attempt = 1;
        while (Markers.exists(scratch + "attempt-" + attempt)) {
            attempt++;
        }
        Markers.write(scratch + "attempt-" + attempt, "ran");
        if (attempt < 3) {
            throw new IOException("flaky failure " + attempt);
        }
        return "ok on attempt " + attempt;
    }

    static String broken(String previous) {
        throw new IllegalStateException("broken after " + previous);
    }

    @Override
    public String name() {
        return "retries by type";
    }

    @Override
    public Facts run(Cell cell) {
        var flaky = Electron.of(RetryRow::flaky).retries(Retry.times(3).on(IOException.class));
        var broken = Electron.of(RetryRow::broken).retries(Retry.times(3).on(IOException.class));
        var lattice = Lattice.of("retries", (Value<String> scratch) -> broken.call(flaky.call(scratch)));

        Dispatch<String> dispatch = lattice.dispatch(cell.client(), cell.scratch("retries"));
        Result<String> result = dispatch.result(cell.patience());

        NodeView retried = cell.node(dispatch.id(), "flaky");
        return Facts.of(result)
                .with("flaky", retried.status() + " on attempt " + retried.attempt() + ": " + retried.output())
                .with("broken's attempts", cell.node(dispatch.id(), "broken").attempt());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.failed("broken", "java.lang.IllegalStateException")
                .with("flaky", "COMPLETED on attempt 3: \"ok on attempt 3\"")
                .with("broken's attempts", 1);
    }
}
