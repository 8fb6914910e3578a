package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.util.List;

/**
 * Big values: an electron returns a 1 MB text, which goes to the lattice's result and, as an argument, to another
 * electron; a 200 KB lattice argument goes to an electron too. Values are compared by length and digest.
 */
public final class BigValuesRow implements Row {
    private static final int RESULT_CHARS = 1_000_000;
    private static final int ARGUMENT_CHARS = 200_000;

    /** {@code chars} characters of numbered lines, with a few that are not ASCII. */
    static String text(int chars) {
        StringBuilder text = new StringBuilder(chars + 32);
        for (int line = 0; text.length() < chars; line++) {
            text.append("line ").append(line).append(" é ✓ \"quoted\"\n");
        }
        text.setLength(chars);
        return text.toString();
    }

    static String measure(String text) {
        return Facts.digest(text);
    }

    @Override
    public String name() {
        return "1 MB result, 200 KB argument";
    }

    @Override
    public Facts run(Cell cell) {
        var text = Electron.of(BigValuesRow::text);
        var measure = Electron.of(BigValuesRow::measure);
        var lattice = Lattice.of("big values", (Value<String> argument) -> {
            Value<String> big = text.call(Value.of(RESULT_CHARS));
            return Value.listOf(big, measure.call(big), measure.call(argument));
        });

        Result<List<String>> result = lattice.dispatch(cell.client(), text(ARGUMENT_CHARS)).result(cell.patience());

        return Facts.of(result).value(result, values -> List.of(Facts.digest(values.get(0)), values.get(1), values.get(2)));
    }

    @Override
    public Facts expected(Cell cell) {
        String big = Facts.digest(text(RESULT_CHARS));
        return Facts.completed().with("value", List.of(big, big, Facts.digest(text(ARGUMENT_CHARS))));
    }
}
