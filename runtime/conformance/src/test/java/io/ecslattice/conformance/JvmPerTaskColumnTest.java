package io.ecslattice.conformance;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.local.LocalExecutor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;

/**
 * Column: the local executor with a fresh child JVM per electron ({@code isolation = "jvm_per_task"}). Each map item
 * is a JVM start, so the big map has 20 items, as on ECS task mode.
 */
@Order(3)
class JvmPerTaskColumnTest extends ConformanceSuite {

    @Override
    protected String column() {
        return "jvm-per-task";
    }

    @Override
    protected Executor executor(Path dir) {
        return LocalExecutor.create(column(), Map.of("isolation", "jvm_per_task", "maxInFlight", 4,
                "workDir", dir.resolve("tasks").toString()));
    }

    @Override
    protected int mapItems() {
        return 20;
    }
}
