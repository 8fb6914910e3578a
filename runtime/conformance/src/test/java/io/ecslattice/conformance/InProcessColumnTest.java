package io.ecslattice.conformance;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.local.LocalExecutor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;

/** Column: the local executor in this JVM ({@code mode = "in_process"}). */
@Order(1)
class InProcessColumnTest extends ConformanceSuite {

    @Override
    protected String column() {
        return "in-process";
    }

    @Override
    protected Executor executor(Path dir) {
        return LocalExecutor.create(column(), Map.of("mode", "in_process", "maxInFlight", 8));
    }

    @Override
    protected boolean electronsPrintHere() {
        return true;
    }
}
