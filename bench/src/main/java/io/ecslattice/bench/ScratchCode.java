package io.ecslattice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A class of "user code" the benchmark edits between dispatches: one line (a constant) changes, the
 * class is recompiled into a directory on the rows' classpath, so the next dispatch's image differs
 * in its classes layer only, as after a developer's one-line change.
 */
final class ScratchCode {
    private final Path sources;
    private final Path classes;

    ScratchCode(Path workDir) {
        this.sources = workDir.resolve("scratch-src");
        this.classes = workDir.resolve("scratch-classes");
    }

    /** The directory to put on the classpath. */
    Path classes() {
        return classes;
    }

    /** Writes and compiles the class with {@code edit} as its one changing line. */
    void write(String edit) throws IOException {
        Path source = sources.resolve("io/ecslattice/bench/scratch/BenchMarker.java");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, String.join("\n",
                "package io.ecslattice.bench.scratch;",
                "",
                "/** Edited by make bench between dispatches: a one-line code change. */",
                "public final class BenchMarker {",
                "    public static final String EDIT = \"" + edit + "\";",
                "",
                "    private BenchMarker() {",
                "    }",
                "}",
                ""));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("make bench needs a JDK (javax.tools compiler) to make its one-line change; "
                    + System.getProperty("java.home") + " is a JRE");
        }
        int status = javac.run(null, null, null, List.of("--release", "17", "-d", classes.toString(), source.toString())
                .toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("compiling " + source + " failed with status " + status);
        }
    }
}
