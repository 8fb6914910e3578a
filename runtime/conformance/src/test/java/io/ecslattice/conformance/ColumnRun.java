package io.ecslattice.conformance;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.NodeRecord;
import io.ecslattice.workflow.LatticeClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every row of one column, started at once: each row runs on a thread of its own (its dispatches mostly wait), so
 * a column costs about its longest row. Each row's test then awaits its own outcome. The column's cells are
 * recorded in the {@link MatrixReport} as they end.
 */
final class ColumnRun implements Cell, AutoCloseable {
    private final String column;
    private final Dispatcher dispatcher;
    private final int mapItems;
    private final Duration patience;
    private final String scratchRoot;
    private final Path localDir;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "conformance-row");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CompletableFuture<CellOutcome>> outcomes = new LinkedHashMap<>();

    ColumnRun(String column, Dispatcher dispatcher, int mapItems, Duration patience, String scratchRoot, Path localDir) {
        this.column = column;
        this.dispatcher = dispatcher;
        this.mapItems = mapItems;
        this.patience = patience;
        this.scratchRoot = scratchRoot.endsWith("/") ? scratchRoot : scratchRoot + "/";
        this.localDir = localDir;
    }

    /** Starts every row of {@code rows} now, each on its own thread; {@code order} places the column in the table. */
    void start(List<Row> rows, int order) {
        MatrixReport.columnStarted(column, order, mapItems);
        for (Row row : rows) {
            outcomes.put(row.name(), CompletableFuture.supplyAsync(() -> runOne(row), threads));
        }
    }

    /** The outcome of {@code row}, once it ended. */
    CellOutcome await(Row row) {
        return outcomes.get(row.name()).join();
    }

    private CellOutcome runOne(Row row) {
        Thread.currentThread().setName("conformance-" + column + "-" + row.name());
        Facts expected = null;
        long start = System.nanoTime();
        CellOutcome outcome;
        try {
            expected = row.expected(this);
            start = System.nanoTime();
            Facts observed = row.run(this);
            outcome = new CellOutcome(row.name(), column, expected, observed, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (Throwable e) {
            outcome = new CellOutcome(row.name(), column, expected, null, e, Duration.ofNanos(System.nanoTime() - start));
        }
        MatrixReport.record(outcome);
        return outcome;
    }

    @Override
    public LatticeClient client() {
        return LatticeClient.of(dispatcher);
    }

    @Override
    public String column() {
        return column;
    }

    @Override
    public int mapItems() {
        return mapItems;
    }

    @Override
    public Duration patience() {
        return patience;
    }

    @Override
    public String scratch(String name) {
        return scratchRoot + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @Override
    public Path localDir() {
        return localDir;
    }

    @Override
    public List<NodeView> nodes(String dispatchId) {
        return dispatcher.store().reader().nodes(dispatchId).stream().map(ColumnRun::view).toList();
    }

    private static NodeView view(NodeRecord node) {
        return new NodeView(node.id(), node.name(), node.status().name(), node.attempt(), node.handle() != null, node.startedAt(),
                node.endedAt(), node.output() == null ? null : node.output().toString(), node.stdout(), node.stderr(), node.group(),
                node.cachedFrom());
    }

    /** Closes the dispatcher (and with it the column's executor); rows still running are abandoned. */
    @Override
    public void close() {
        threads.shutdownNow();
        dispatcher.close();
    }
}
