package io.ecslattice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints the rows as one table and writes them as JSON under {@code bench/results/}. */
final class BenchReport {

    private record Column(String title, Function<BenchRow, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("row", BenchRow::name),
            new Column("mode", BenchRow::mode),
            new Column("tasks", r -> String.valueOf(r.tasks())),
            new Column("wall s", r -> num(r.wallSeconds(), 1)),
            new Column("dispatch→1st RunTask s", r -> num(r.dispatchToFirstRunTask(), 2)),
            new Column("last stop→result s", r -> num(r.lastStopToResult(), 2)),
            new Column("AWS calls/task", r -> r.callsPerTask().isEmpty() ? "-" : num(r.totalCallsPerTask(), 3)),
            new Column("task-side calls/task", r -> r.electrons() == null ? "-" : num(r.electrons().totalTaskCallsPerElectron(), 3)),
            new Column("overhead ms p50/p90", r -> r.electrons() == null || r.electrons().overheadMedianMs() == null ? "-"
                    : num(r.electrons().overheadMedianMs(), 0) + "/" + num(r.electrons().overheadP90Ms(), 0)),
            new Column("electrons/s", r -> r.electrons() == null ? "-" : num(r.electrons().electronsPerSecond(), 1)),
            new Column("est. Fargate $ (tasks)", r -> r.electrons() == null || r.electrons().costUsd() == null ? "-"
                    : String.format(Locale.ROOT, "%.5f (%d)", r.electrons().costUsd(), r.electrons().fargateTasks())),
            new Column("client CPU s", r -> num(r.clientCpuSeconds(), 1)),
            new Column("heap/in-flight task", r -> r.heapPerInFlightTask() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f KB @%d", r.heapPerInFlightTask() / 1024.0, r.peakInFlight())),
            new Column("images/layers/bytes pushed", r -> r.imagesBuilt() == null ? "-"
                    : r.imagesBuilt() + "/" + r.layersPushed() + "/" + r.bytesPushed()),
            new Column("image over base MB", r -> r.bytesOverBase() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f", r.bytesOverBase() / 1e6)),
            new Column("taskdefs registered", r -> r.taskDefinitionsRegistered() == null ? "-" : String.valueOf(r.taskDefinitionsRegistered())),
            new Column("RunTask/s", r -> num(r.runTaskPerSecond(), 1)),
            new Column("calls/task by operation", r -> byOperation(r.callsPerTask())),
            new Column("task-side calls/task by operation", r -> r.electrons() == null ? "-" : byOperation(r.electrons().taskCallsPerElectron())),
            new Column("note", BenchRow::note));

    private final List<BenchRow> rows = new ArrayList<>();

    void add(BenchRow row) {
        rows.add(row);
        System.out.println("bench: " + row.name() + " [" + row.mode() + "] done: " + row);
    }

    void replaceLast(BenchRow row) {
        rows.set(rows.size() - 1, row);
    }

    List<BenchRow> rows() {
        return List.copyOf(rows);
    }

    /** The table, one line per row, columns padded to their widest cell. */
    String table() {
        List<List<String>> cells = new ArrayList<>();
        cells.add(COLUMNS.stream().map(Column::title).toList());
        rows.forEach(row -> cells.add(COLUMNS.stream().map(c -> c.value().apply(row)).toList()));
        int[] widths = new int[COLUMNS.size()];
        cells.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            List<String> line = cells.get(l);
            out.append("| ");
            for (int i = 0; i < line.size(); i++) {
                out.append(String.format("%-" + widths[i] + "s", line.get(i))).append(" | ");
            }
            out.setLength(out.length() - 1);
            out.append('\n');
            if (l == 0) {
                out.append("|");
                for (int width : widths) {
                    out.append("-".repeat(width + 2)).append("|");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Writes {@code bench-<time>.json} and {@code latest.json} into {@code directory}; returns the first. */
    Path write(Path directory, Map<String, Object> environment) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> document = new TreeMap<>();
        document.put("finishedAt", Instant.now().toString());
        document.put("environment", environment);
        document.put("rows", rows);
        document.put("table", table());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path file = directory.resolve("bench-" + Instant.now().toString().replace(':', '-') + ".json");
        json.writeValue(file.toFile(), document);
        Files.copy(file, directory.resolve("latest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static String byOperation(Map<String, Double> calls) {
        return calls.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + num(e.getValue(), 3))
                .collect(Collectors.joining(", "));
    }

    private static String num(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
