package io.ecslattice.conformance;

import io.ecslattice.conformance.rows.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rows x columns table of a test run: each cell's outcome and time (first dispatch to last result), each
 * column's wall time, and what failed. Each test JVM writes the columns it ran to
 * {@code target/conformance/columns/<column>.tsv} whenever a column ends, and the table is built from every column
 * file there: {@code make test} runs the local columns and the ECS columns in different processes, and
 * {@code make check} spreads test classes over two JVMs, yet {@code target/conformance/matrix.md} shows them all.
 * It is printed once at the end of each test JVM ({@link MatrixReportListener}).
 */
public final class MatrixReport {
    private static final Map<String, Map<String, CellOutcome>> CELLS = new LinkedHashMap<>();
    private static final Map<String, Integer> ORDER = new LinkedHashMap<>();
    private static final Map<String, Integer> MAP_ITEMS = new LinkedHashMap<>();
    private static final Map<String, Instant> STARTED = new LinkedHashMap<>();
    private static final Map<String, Instant> LAST_ENDED = new LinkedHashMap<>();

    /** One column as written to its file: its cells by row name, its order, map size, wall time and when it ran. */
    private record Column(String name, int order, int mapItems, Duration wall, Instant ended, Map<String, Cell> cells) {
    }

    /** One cell as written to its column's file. */
    private record Cell(boolean passed, Duration time, String problem) {
    }

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

    /** The table as Markdown: one line per row of {@link Rows#ALL}, one column per executor with a column file, then the failures. */
    public static synchronized String markdown() {
        List<Column> columns = readColumns();
        StringBuilder text = new StringBuilder("| row |");
        columns.forEach(c -> text.append(' ').append(c.name()).append(" |"));
        text.append("\n| --- |");
        columns.forEach(c -> text.append(" --- |"));
        for (Row row : Rows.selected()) {
            text.append("\n| ").append(row.name()).append(" |");
            for (Column column : columns) {
                Cell cell = column.cells().get(row.name());
                text.append(' ').append(cell == null ? "not run" : (cell.passed() ? "pass " : "FAIL ") + seconds(cell.time())).append(" |");
            }
        }
        text.append("\n| (column wall time) |");
        columns.forEach(column -> text.append(' ').append(seconds(column.wall())).append(" |"));
        text.append("\n| (column ended, UTC) |");
        columns.forEach(column -> text.append(' ').append(column.ended().toString(), 11, 19).append(" |"));
        text.append("\n\nBig map per column: ");
        List<String> sizes = new ArrayList<>();
        columns.forEach(column -> sizes.add(column.name() + " " + column.mapItems() + " items"));
        text.append(String.join(", ", sizes)).append(".\n");
        List<String> failures = new ArrayList<>();
        columns.forEach(column -> column.cells().forEach((row, cell) -> {
            if (!cell.passed()) {
                failures.add("- **" + row + " on " + column.name() + "**: " + cell.problem());
            }
        }));
        if (!failures.isEmpty()) {
            text.append("\nFailed cells:\n").append(String.join("\n", failures)).append('\n');
        }
        return text.toString();
    }

    /** Writes this JVM's columns to their files and the whole table to {@code target/conformance/matrix.md}. */
    static synchronized Path write() {
        Path file = directory().resolve("matrix.md");
        try {
            Files.createDirectories(columnsDirectory());
            for (Map.Entry<String, Map<String, CellOutcome>> column : CELLS.entrySet()) {
                writeColumn(column.getKey(), column.getValue());
            }
            Files.writeString(file, "# Conformance matrix\n\n" + markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void writeColumn(String column, Map<String, CellOutcome> cells) throws IOException {
        Instant ended = LAST_ENDED.getOrDefault(column, Instant.now());
        StringBuilder text = new StringBuilder(String.join("\t", column, String.valueOf(ORDER.getOrDefault(column, Integer.MAX_VALUE)),
                String.valueOf(MAP_ITEMS.getOrDefault(column, 0)), String.valueOf(Duration.between(STARTED.get(column), ended).toMillis()),
                ended.toString())).append('\n');
        cells.values().forEach(cell -> text.append(String.join("\t", cell.row(), cell.passed() ? "pass" : "FAIL",
                String.valueOf(cell.time().toMillis()), oneLine(cell.problem()))).append('\n'));
        Files.writeString(columnsDirectory().resolve(column.replaceAll("[^A-Za-z0-9_-]", "_") + ".tsv"), text);
    }

    /** Every column file, in the columns' @Order whatever order they ran in. */
    private static List<Column> readColumns() {
        if (!Files.isDirectory(columnsDirectory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(columnsDirectory())) {
            List<Column> columns = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).toList()) {
                List<String> lines = Files.readAllLines(file);
                String[] head = lines.get(0).split("\t", -1);
                Map<String, Cell> cells = new LinkedHashMap<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] cell = line.split("\t", -1);
                    cells.put(cell[0], new Cell(cell[1].equals("pass"), Duration.ofMillis(Long.parseLong(cell[2])),
                            cell[3].replace("\\n", "\n")));
                }
                columns.add(new Column(head[0], Integer.parseInt(head[1]), Integer.parseInt(head[2]),
                        Duration.ofMillis(Long.parseLong(head[3])), Instant.parse(head[4]), cells));
            }
            columns.sort(Comparator.comparingInt(Column::order));
            return columns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneLine(String text) {
        return text.replace("\t", " ").replace("\r", "").replace("\n", "\\n");
    }

    /** {@code target/conformance} of the module (Maven runs tests in the module's directory and sets basedir). */
    static Path directory() {
        return Path.of(System.getProperty("basedir", "."), "target", "conformance");
    }

    private static Path columnsDirectory() {
        return directory().resolve("columns");
    }

    private static String seconds(Duration time) {
        return String.format("%.1f s", time.toMillis() / 1000.0);
    }
}
