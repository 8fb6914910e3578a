package io.ecslattice.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's Markdown pages that the docs tests read: README.md, docs/ and bench/RESULTS.md. */
final class Docs {

    private Docs() {
    }

    /** The repository root: the nearest directory up from the working directory holding README.md and docs/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory holding README.md and docs/ above " + Path.of("").toAbsolutePath());
    }

    /** README.md, every .md under docs/, and bench/RESULTS.md, in a stable order. */
    static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path results = root.resolve("bench").resolve("RESULTS.md");
        if (Files.exists(results)) {
            pages.add(results);
        }
        return pages;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file} relative to the root, with forward slashes, for messages. */
    static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
