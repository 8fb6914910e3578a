package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.wire.FileRef;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Files in and out by reference: the lattice takes a local file, one electron reads it and returns a new file, the
 * next reads that. Only the references travel; wherever the electrons run, each sees a local file.
 */
public final class FilesRow implements Row {
    private static final String POEM = "alpha\nbeta\ngamma\nδέλτα ✓\n";

    static FileRef number(FileRef text) throws IOException {
        List<String> lines = Files.readAllLines(text.path());
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            numbered.append(i + 1).append(": ").append(lines.get(i)).append('\n');
        }
        return FileRef.of(Files.writeString(Files.createTempFile("numbered-", ".txt"), numbered));
    }

    static String read(FileRef text) throws IOException {
        return Files.readString(text.path());
    }

    @Override
    public String name() {
        return "files in and out";
    }

    @Override
    public Facts run(Cell cell) throws IOException {
        var number = Electron.of(FilesRow::number);
        var read = Electron.of(FilesRow::read);
        var lattice = Lattice.of("files", (Value<FileRef> file) -> read.call(number.call(file)));
        Path poem = Files.writeString(Files.createTempFile(cell.localDir(), "poem-", ".txt"), POEM);

        Result<String> result = lattice.dispatch(cell.client(), FileRef.of(poem)).result(cell.patience());

        return Facts.of(result).value(result);
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", "1: alpha\n2: beta\n3: gamma\n4: δέλτα ✓\n");
    }
}
