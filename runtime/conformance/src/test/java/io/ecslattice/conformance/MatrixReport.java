package io.ecslattice.conformance;

import io.ecslattice.conformance.rows.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows x columns table of one test run: each cell's outcome and time (first dispatch to last result), each
 * column's wall time, and what failed. Written to {@code target/conformance/matrix.md} whenever a column ends and
 * printed once at the end of the run ({@link MatrixReportListener}).
 */
public final class MatrixReport {
    private static final Map<String, Map<String, CellOutcome>> CELLS = new LinkedHashMap<>();
    private static final Map<String, Integer> ORDER = new LinkedHashMap<>();
    private static final Map<String, Integer> MAP_ITEMS = new LinkedHashMap<>();
    private static final Map<String, Instant> STARTED = new LinkedHashMap<>();
    private static final Map<String, Instant> LAST_ENDED = new LinkedHashMap<>();

    private MatrixReport() {
    }

    static synchronized void columnStarted(String column, int order, int mapItems) {
        CELLS.computeIfAbsent(column, c -> new LinkedHashMap<>());
        ORDER.put(column, order);
        MAP_ITEMS.put(column, mapItems);
        STARTED.put(column, Instant.now());
    }

    static synchronized void record(CellOutcome outcome) {
        CELLS.computeIfAbsent(outcome.column(), c -> new LinkedHashMap<>()).put(outcome.row(), outcome);
        LAST_ENDED.put(outcome.column(), Instant.now());
    }

    static synchronized boolean isEmpty() {
        return CELLS.isEmpty();
    }

    /** The table as Markdown: one line per row of {@link Rows#ALL}, one column per executor that ran, then the failures. */
    public static synchronized String markdown() {
        // The table shows the columns in their @Order, whatever order they ran in.
        List<String> columns = new ArrayList<>(CELLS.keySet());
        columns.sort(java.util.Comparator.comparingInt(c -> ORDER.getOrDefault(c, Integer.MAX_VALUE)));
        StringBuilder text = new StringBuilder("| row |");
        columns.forEach(c -> text.append(' ').append(c).append(" |"));
        text.append("\n| --- |");
        columns.forEach(c -> text.append(" --- |"));
        for (Row row : Rows.selected()) {
            text.append("\n| ").append(row.name()).append(" |");
            for (String column : columns) {
                CellOutcome cell = CELLS.get(column).get(row.name());
                text.append(' ').append(cell == null ? "not run" : (cell.passed() ? "pass " : "FAIL ") + seconds(cell.time())).append(" |");
            }
        }
        text.append("\n| (column wall time) |");
        for (String column : columns) {
            Instant ended = LAST_ENDED.get(column);
            text.append(' ').append(ended == null ? "-" : seconds(Duration.between(STARTED.get(column), ended))).append(" |");
        }
        text.append("\n\nBig map per column: ");
        List<String> sizes = new ArrayList<>();
        columns.forEach(column -> sizes.add(column + " " + MAP_ITEMS.get(column) + " items"));
        text.append(String.join(", ", sizes)).append(".\n");
        List<String> failures = new ArrayList<>();
        CELLS.forEach((column, cells) -> cells.values().stream().filter(c -> !c.passed())
                .forEach(c -> failures.add("- **" + c.row() + " on " + column + "**: " + c.problem())));
        if (!failures.isEmpty()) {
            text.append("\nFailed cells:\n").append(String.join("\n", failures)).append('\n');
        }
        return text.toString();
    }

    /** Writes the table to {@code target/conformance/matrix.md} (under the module's directory when Maven runs it). */
    static synchronized Path write() {
        Path file = directory().resolve("matrix.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# Conformance matrix\n\n" + markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code target/conformance} of the module (Maven runs tests in the module's directory and sets basedir). */
    static Path directory() {
        return Path.of(System.getProperty("basedir", "."), "target", "conformance");
    }

    private static String seconds(Duration time) {
        return String.format("%.1f s", time.toMillis() / 1000.0);
    }
}
