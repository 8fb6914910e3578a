package io.ecslattice.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code shown in the docs is compiled: every {@code ```java} block in README.md, docs/ and bench/RESULTS.md has a
 * line {@code <!-- code: <path>#<region> -->} above it and must equal that region of that example, the lines between
 * {@code // tag::<region>[]} and {@code // end::<region>[]} with their common indentation removed. The line must hold
 * the marker alone. Every region in examples/ is shown somewhere. With {@code -Dsnippets.write=true} the test copies each region into its block
 * instead of failing (then review the diff).
 */
class DocSnippetsTest {

    private static final Pattern MARKER = Pattern.compile("\\s*<!--\\s*code:\\s*(\\S+)#(\\S+)\\s*-->\\s*");
    private static final Pattern TAG = Pattern.compile("^\\s*//\\s*(tag|end)::([A-Za-z0-9_.-]+)\\[]\\s*$");
    private static final String WRITE = "snippets.write";
    private static final String HOW_TO_WRITE = "mvn -pl examples test -Dtest=DocSnippetsTest -D" + WRITE + "=true";

    private final Path root = Docs.root();

    @Test
    void everyJavaBlockInTheDocsEqualsItsExampleRegion() throws IOException {
        boolean write = Boolean.getBoolean(WRITE);
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> shown = new LinkedHashMap<>();
        for (Path example : exampleSources()) {
            for (String region : regions(example, problems).keySet()) {
                shown.put(Docs.name(root, example) + "#" + region, false);
            }
        }
        for (Path page : Docs.pages(root)) {
            List<String> lines = new ArrayList<>(Docs.lines(page));
            boolean changed = false;
            String pending = null;
            int pendingLine = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher marker = MARKER.matcher(line);
                String where = Docs.name(root, page) + ":" + (i + 1);
                if (marker.matches()) {
                    pending = marker.group(1) + "#" + marker.group(2);
                    pendingLine = i + 1;
                    continue;
                }
                if (!line.strip().startsWith("```")) {
                    if (pending != null && !line.isBlank()) {
                        problems.add(Docs.name(root, page) + ":" + pendingLine + ": <!-- code: " + pending
                                + " --> is not followed by a ```java block; put the block right below it");
                        pending = null;
                    }
                    continue;
                }
                int close = closingFence(lines, i);
                if (close < 0) {
                    problems.add(where + ": a ``` block that never closes");
                    break;
                }
                if (!line.strip().equals("```java")) {
                    if (pending != null) {
                        problems.add(Docs.name(root, page) + ":" + pendingLine + ": <!-- code: " + pending
                                + " --> is above a block that is not ```java");
                        pending = null;
                    }
                    i = close;
                    continue;
                }
                if (pending == null) {
                    problems.add(where + ": a ```java block with no <!-- code: <path>#<region> --> line above it. Code in the docs is"
                            + " compiled: put it in an example under examples/ between // tag::<region>[] and // end::<region>[],"
                            + " name that region above the block, and copy the region into the block");
                    i = close;
                    continue;
                }
                String reference = pending;
                pending = null;
                List<String> block = lines.subList(i + 1, close);
                List<String> region = region(reference, problems, where);
                if (region != null) {
                    shown.put(reference, true);
                    if (!block.equals(region)) {
                        if (write) {
                            block.clear();
                            block.addAll(region);
                            changed = true;
                            close = i + 1 + region.size();
                        } else {
                            problems.add(difference(where, reference, block, region));
                        }
                    }
                }
                i = close;
            }
            if (pending != null) {
                problems.add(Docs.name(root, page) + ":" + pendingLine + ": <!-- code: " + pending + " --> has no block below it");
            }
            if (changed) {
                Files.write(page, lines);
            }
        }
        shown.forEach((region, isShown) -> {
            if (!isShown) {
                problems.add(region + ": a region that no page shows; show it in a page (<!-- code: " + region
                        + " --> above a ```java block) or remove its tag:: and end:: lines");
            }
        });
        if (!problems.isEmpty()) {
            fail(problems.size() + " docs snippet problem(s):\n" + String.join("\n\n", problems) + "\n");
        }
        assertTrue(shown.containsValue(true), "no page shows any example region");
    }

    private static int closingFence(List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().equals("```")) {
                return j;
            }
        }
        return -1;
    }

    private String difference(String where, String reference, List<String> block, List<String> region) {
        String[] parts = reference.split("#", 2);
        int line = 0;
        while (line < block.size() && line < region.size() && block.get(line).equals(region.get(line))) {
            line++;
        }
        String doc = line < block.size() ? block.get(line) : "(the block ends here)";
        String example = line < region.size() ? region.get(line) : "(the region ends here)";
        return where + ": this ```java block differs from region '" + parts[1] + "' of " + parts[0] + ".\n"
                + "  Fix: copy region '" + parts[1] + "' of " + parts[0] + " (the lines between // tag::" + parts[1]
                + "[] and // end::" + parts[1] + "[], common indentation removed) into the block,\n"
                + "  or run " + HOW_TO_WRITE + " and review the diff.\n"
                + "  First difference at line " + (line + 1) + " of the block:\n"
                + "    doc:     " + doc + "\n"
                + "    example: " + example;
    }

    private List<String> region(String reference, List<String> problems, String where) {
        String[] parts = reference.split("#", 2);
        Path file = root.resolve(parts[0]).normalize();
        if (!file.startsWith(root.resolve("examples")) || !Files.isRegularFile(file)) {
            problems.add(where + ": <!-- code: " + reference + " --> names " + parts[0]
                    + ", which is not a file under examples/ (paths are relative to the repository root)");
            return null;
        }
        List<String> region = regions(file, problems).get(parts[1]);
        if (region == null) {
            problems.add(where + ": " + parts[0] + " has no region '" + parts[1] + "' (// tag::" + parts[1] + "[] ... // end::"
                    + parts[1] + "[]); its regions: " + regions(file, new ArrayList<>()).keySet());
        }
        return region;
    }

    /** The regions of {@code file} by name, each without marker lines and with common indentation removed. */
    private Map<String, List<String>> regions(Path file, List<String> problems) {
        List<String> lines = Docs.lines(file);
        Map<String, List<String>> regions = new LinkedHashMap<>();
        Map<String, List<String>> open = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher tag = TAG.matcher(lines.get(i));
            if (!tag.matches()) {
                for (List<String> region : open.values()) {
                    region.add(lines.get(i));
                }
                continue;
            }
            String name = tag.group(2);
            String where = Docs.name(root, file) + ":" + (i + 1);
            if (tag.group(1).equals("tag")) {
                if (regions.containsKey(name) || open.containsKey(name)) {
                    problems.add(where + ": region '" + name + "' starts a second time; region names are unique per file");
                }
                open.put(name, new ArrayList<>());
            } else if (open.containsKey(name)) {
                regions.put(name, dedent(open.remove(name)));
            } else {
                problems.add(where + ": // end::" + name + "[] without a // tag::" + name + "[] above it");
            }
        }
        open.keySet().forEach(name -> problems.add(Docs.name(root, file) + ": region '" + name + "' has no // end::" + name + "[]"));
        return regions;
    }

    private static List<String> dedent(List<String> lines) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return out;
    }

    private List<Path> exampleSources() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")
                    && !p.toString().contains("/src/test/")).sorted().toList();
        }
    }
}
