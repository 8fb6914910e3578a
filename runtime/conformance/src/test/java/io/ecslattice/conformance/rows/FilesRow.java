package io.ecslattice.conformance.rows;

import io.ecslattice.conformance.Cell;
import io.ecslattice.conformance.Facts;
import io.ecslattice.conformance.Row;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.FileRef;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Files in and out by reference: the lattice takes a local file, one electron reads it and returns a new file, the
 * next reads that and returns another, which the row reads back through {@code FileRef.openStream()}. Only the
 * references travel; wherever the electrons run, each sees a local file, and the client reads what they returned
 * (from S3 on the ECS columns).
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

    static FileRef reverse(FileRef text) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(text.path()));
        Collections.reverse(lines);
        return FileRef.of(Files.writeString(Files.createTempFile("reversed-", ".txt"), String.join("\n", lines) + "\n"));
    }

    private static String readBack(FileRef file) {
        try (InputStream in = file.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + file.uri() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "files in and out";
    }

    @Override
    public Facts run(Cell cell) throws IOException {
        var number = Electron.of(FilesRow::number);
        var reverse = Electron.of(FilesRow::reverse);
        var lattice = Lattice.of("files", (Value<FileRef> file) -> reverse.call(number.call(file)));
        Path poem = Files.writeString(Files.createTempFile(cell.localDir(), "poem-", ".txt"), POEM);

        Result<FileRef> result = lattice.dispatch(cell.client(), FileRef.of(poem)).result(cell.patience());

        return Facts.of(result).value(result, FilesRow::readBack);
    }

    @Override
    public Facts expected(Cell cell) {
        return Facts.completed().with("value", "4: δέλτα ✓\n3: gamma\n2: beta\n1: alpha\n");
    }
}
