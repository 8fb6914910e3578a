package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.NodeView;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/**
 * Output: an electron prints 20,000 lines to stdout and 20,000 to stderr, interleaved. Its node keeps each stream
 * apart, from its first line in order, cut at the captured bound with the truncation marker.
 */
public final class OutputRow implements Row {
    private static final int LINES = 20_000;

    static int shout(int lines) {
        for (int i = 1; i <= lines; i++) {
            System.out.println("out " + i);
            System.err.println("err " + i);
        }
        return lines;
    }

    @Override
    public String name() {
        return "stdout + stderr 20,000 lines";
    }

    @Override
    public Facts run(Cell cell) {
        var shout = Electron.of(OutputRow::shout);
        var lattice = Lattice.of("output", (Value<Integer> lines) -> shout.call(lines));

        Dispatch<Integer> dispatch = lattice.dispatch(cell.client(), LINES);
        Result<Integer> result = dispatch.result(cell.patience());

        NodeView node = cell.node(dispatch.id(), "shout");
        return Facts.of(result).value(result)
                .with("stdout", stream(node.stdout(), "out "))
                .with("stderr", stream(node.stderr(), "err "))
                .note("stdout lines kept", node.stdout() == null ? 0 : node.stdout().lines().count())
                .note("stderr lines kept", node.stderr() == null ? 0 : node.stderr().lines().count());
    }

    /** How a captured stream reads: whether it starts at line 1, runs in order with nothing else, and ends cut with the marker. */
    private static String stream(String captured, String prefix) {
        if (captured == null || captured.isEmpty()) {
            return "empty";
        }
        String[] lines = captured.split("\n");
        int next = 1;
        int i = 0;
        while (i < lines.length && lines[i].equals(prefix + next)) {
            next++;
            i++;
        }
        // The last kept line may be cut mid-way, then a blank line and the marker follow.
        String rest = String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
        boolean all = next - 1 == LINES && rest.isBlank();
        // Cut: at most a partial line, then the marker, and nothing after it.
        java.util.List<String> left = rest.lines().filter(l -> !l.isBlank()).toList();
        boolean cut = !left.isEmpty() && left.size() <= 2 && left.get(left.size() - 1).contains("output truncated");
        return (next > 1 ? "from line 1 in order" : "not from line 1") + (all ? ", every line" : "")
                + (cut ? ", cut with the marker" : "") + (rest.contains(prefix.equals("out ") ? "err " : "out ") ? ", mixed with the other stream" : "");
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", LINES)
                .with("stdout", "from line 1 in order, cut with the marker")
                .with("stderr", "from line 1 in order, cut with the marker");
    }
}
