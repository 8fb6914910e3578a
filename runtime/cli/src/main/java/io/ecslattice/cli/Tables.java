package io.ecslattice.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Plain-text tables and times for the terminal. */
final class Tables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Tables() {
    }

    /** {@code rows} under {@code header}, columns padded to their widest cell. */
    static String render(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    /** Seconds between two instants (or until now while {@code end} is null). */
    static String duration(Instant start, Instant end) {
        if (start == null) {
            return "-";
        }
        return String.format("%.1f s", Duration.between(start, end == null ? Instant.now() : end).toMillis() / 1000.0);
    }
}
