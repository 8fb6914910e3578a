package io.ecslattice.examples;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.FileRef;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files by reference: the lattice takes a {@link FileRef}, one electron writes a new file and returns its
 * reference, the next reads it. Only the references go through JSON and the results store. On ECS the
 * client uploads the input to the stack's bucket, the task runner downloads it before the electron runs
 * (so {@code path()} is a local file) and uploads the file the electron returns; the caller gets that file
 * with {@code download(path)} or {@code openStream()}, from S3 or from disk alike.
 */
public final class FileWorkflow {

    private FileWorkflow() {
    }

    // tag::electrons[]
    static FileRef lineNumbers(FileRef text) throws IOException {
        Path out = Files.createTempFile("numbered-", ".txt");
        var lines = Files.readAllLines(text.path());
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            numbered.append(i + 1).append(": ").append(lines.get(i)).append('\n');
        }
        Files.writeString(out, numbered);
        return FileRef.of(out);
    }

    static String head(FileRef text) throws IOException {
        return String.join("\n", Files.readAllLines(text.path()).stream().limit(3).toList());
    }
    // end::electrons[]

    public static void main(String[] args) throws IOException {
        Path input = args.length > 0 ? Path.of(args[0]) : Files.writeString(Files.createTempFile("poem-", ".txt"),
                "Tyger Tyger, burning bright,\nIn the forests of the night;\nWhat immortal hand or eye,\nCould frame thy fearful symmetry?\n");
        // tag::workflow[]
        var number = Electron.of(FileWorkflow::lineNumbers);
        var head = Electron.of(FileWorkflow::head);
        var workflow = Lattice.of("numbered_head", (Value<FileRef> file) -> head.call(number.call(file)));

        Result<String> result = workflow.dispatch(FileRef.of(input)).result();
        // end::workflow[]
        System.out.println(result);

        var numbered = Lattice.of("numbered", (Value<FileRef> file) -> number.call(file));
        FileRef returned = numbered.dispatch(FileRef.of(input)).result().value();
        Path copy = returned.download(Files.createTempDirectory("numbered").resolve(returned.name()));
        System.out.println("numbered copy: " + copy + " (" + Files.readAllLines(copy).size() + " lines)");
    }
}
