package io.ecslattice.conformance;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.local.LocalExecutor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;

/** Column: the local executor's warm pool of child JVMs ({@code isolation = "pool"}, the default), three JVMs of two slots. */
@Order(2)
class LocalPoolColumnTest extends ConformanceSuite {

    @Override
    protected String column() {
        return "local-pool";
    }

    @Override
    protected Executor executor(Path dir) {
        return LocalExecutor.create(column(), Map.of("isolation", "pool", "maxInFlight", 6, "workerConcurrency", 2,
                "poolIdleSeconds", 5, "workDir", dir.resolve("tasks").toString()));
    }
}
