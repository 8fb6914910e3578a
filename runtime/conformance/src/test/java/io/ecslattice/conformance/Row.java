package io.ecslattice.conformance;

/**
 * One workflow feature of the matrix (a row): what it dispatches on a cell, and the facts every executor must come
 * to. Rows are written against the public API only ({@code PublicApiTest}); their electrons are static methods of
 * the row's class, so the ECS image builder bakes them like a user's code.
 */
public interface Row {

    /** The row's name in the table, e.g. {@code chain}. */
    String name();

    /** Runs the row's dispatches on {@code cell}, waits for them, and returns what they came to. */
    Facts run(Cell cell) throws Exception;

    /** What every executor must come to (may depend on {@link Cell#mapItems()}, never on the executor otherwise). */
    Facts expected(Cell cell);
}
