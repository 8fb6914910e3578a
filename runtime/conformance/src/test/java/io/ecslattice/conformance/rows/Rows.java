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
}
