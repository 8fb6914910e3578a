package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Row;
import java.util.List;

/** Every row of the matrix, in the table's order. A new workflow feature is a new {@link Row} added here. */
public final class Rows {

    /** The rows every executor must pass. */
    public static final List<Row> ALL = List.of(
            new ChainRow(),
            new DiamondRow(),
            new FailingBranchRow(),
            new MapRow(),
            new SublatticeRow(),
            new AfterRow(),
            new RetryRow(),
            new TimeoutRow(),
            new CacheRow(),
            new FilesRow(),
            new BigValuesRow(),
            new TypesRow(),
            new OutputRow(),
            new CancelRow(),
            new NamesRow());

    private Rows() {
    }

    /**
     * The rows this run checks: all of them, or those whose names contain one of the comma-separated words of the
     * system property {@code conformance.rows} (e.g. {@code -Dconformance.rows=map,cancel} while working on a row).
     */
    public static List<Row> selected() {
        String filter = System.getProperty("conformance.rows", "").strip();
        if (filter.isEmpty()) {
            return ALL;
        }
        List<String> words = java.util.Arrays.stream(filter.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
        return ALL.stream().filter(row -> words.stream().anyMatch(row.name()::contains)).toList();
    }
}
