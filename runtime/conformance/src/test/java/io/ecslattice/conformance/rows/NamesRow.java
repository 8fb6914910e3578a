package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/**
 * Text that breaks naive keys, URIs, tags and JSON: quotes, brackets, slashes, spaces, {@code #}, {@code %},
 * {@code ?}, emoji and right-to-left scripts, in the lattice's name, its argument and its value.
 */
public final class NamesRow implements Row {
    static final String AWKWARD = "quotes \"double\" 'single' `back` [brackets] {braces} <angle> a/b\\c//d  two spaces "
            + "#hash %20 100% ?q=1&r=2 🚀🎉 שלום עולם مرحبا";

    static String echo(String text) {
        return text;
    }

    static String decorate(String text) {
        return "«" + text + "»";
    }

    @Override
    public String name() {
        return "awkward names and text";
    }

    @Override
    public Facts run(Cell cell) {
        var echo = Electron.of(NamesRow::echo);
        var decorate = Electron.of(NamesRow::decorate);
        var lattice = Lattice.of(AWKWARD, (Value<String> text) -> decorate.call(echo.call(text)));

        Result<String> result = lattice.dispatch(cell.client(), AWKWARD).result(cell.patience());

        return Facts.of(result).value(result).with("lattice name", result.latticeName());
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", "«" + AWKWARD + "»").with("lattice name", AWKWARD);
    }
}
