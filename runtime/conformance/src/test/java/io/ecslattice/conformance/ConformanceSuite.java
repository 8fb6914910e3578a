package io.ecslattice.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.conformance.rows.Rows;
import io.ecslattice.store.ResultsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance matrix for one executor (a column): every row of {@link Rows#ALL} is dispatched at once on a
 * dispatcher of its own (its own results store, the column's executor as default), then each row is one test that
 * checks its cell's facts against the row's expected ones. A new executor is a small subclass saying how to build
 * it; a new feature is a {@link Row} added to {@link Rows#ALL}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public abstract class ConformanceSuite {
    private ColumnRun run;

    /** The column's name in the table; also the executor's name. */
    protected abstract String column();

    /** The executor under test, named {@link #column()}, keeping its files under {@code dir}. */
    protected abstract Executor executor(Path dir) throws Exception;

    /** Items of the big run-time map: 1,000 unless each item costs a JVM or a container start. */
    protected int mapItems() {
        return 1000;
    }

    /** How long one dispatch of a row may take. */
    protected Duration patience() {
        return Duration.ofMinutes(3);
    }

    /** Where electrons and rows leave markers: a local directory, unless the electrons run elsewhere. */
    protected String scratchRoot(Path dir) throws Exception {
        return Files.createDirectories(dir.resolve("scratch")).toUri().toString();
    }

    /** True when the column's electrons run in this JVM, so what they print would reach the build log. */
    protected boolean electronsPrintHere() {
        return false;
    }

    @BeforeAll
    void startEveryRow(@TempDir Path dir) throws Exception {
        if (electronsPrintHere()) {
            Console.divertTo(MatrixReport.directory(), column());
        }
        Executor executor = executor(dir);
        Dispatcher dispatcher = Dispatcher.builder()
                .store(ResultsStore.open(dir.resolve("results.db")))
                .executors(new ExecutorRegistry(ConfigFile.load(dir.resolve("no-config.toml"))))
                .leaseTtl(Duration.ofSeconds(30))
                .defaultExecutor(executor.name())
                .build();
        dispatcher.registry().register(executor);
        run = new ColumnRun(column(), dispatcher, mapItems(), patience(), scratchRoot(dir),
                Files.createDirectories(dir.resolve("files")));
        Order order = getClass().getAnnotation(Order.class);
        run.start(Rows.selected(), order == null ? Integer.MAX_VALUE : order.value());
    }

    @TestFactory
    Stream<DynamicTest> rows() {
        return Rows.selected().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            CellOutcome outcome = run.await(row);
            if (!outcome.passed()) {
                fail(row.name() + " on " + column() + ": " + outcome.problem(), outcome.thrown());
            }
        }));
    }

    @AfterAll
    void closeAndWriteTheTable() {
        if (run != null) {
            run.close();
        }
        if (electronsPrintHere()) {
            Console.restore();
        }
        MatrixReport.write();
    }
}
