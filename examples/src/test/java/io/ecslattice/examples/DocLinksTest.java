package io.ecslattice.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md, docs/ and bench/RESULTS.md resolves: the file or directory exists inside the
 * repository, and a {@code #anchor} into a Markdown page names one of its headings (GitHub's heading ids).
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    private final Path root = Docs.root();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyRelativeLinkResolvesToAFileAndHeading() {
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path page : Docs.pages(root)) {
            List<String> lines = Docs.lines(page);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                        continue;   // http:, https:, mailto: ...
                    }
                    links++;
                    String problem = check(page, target);
                    if (problem != null) {
                        problems.add(Docs.name(root, page) + ":" + (i + 1) + ": link " + target + " " + problem);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " broken link(s) of " + links + ":\n" + String.join("\n", problems) + "\n");
        }
    }

    private String check(Path page, String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        if (path.startsWith("/")) {
            return "is absolute; make it relative to " + Docs.name(root, page.getParent().equals(root) ? page : page.getParent());
        }
        Path file = path.isEmpty() ? page : page.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
        if (!file.startsWith(root)) {
            return "leaves the repository";
        }
        if (!Files.exists(file)) {
            return "names " + Docs.name(root, file) + ", which does not exist";
        }
        if (anchor != null && file.toString().endsWith(".md")) {
            Set<String> ids = anchors.computeIfAbsent(file, this::headingIds);
            if (!ids.contains(anchor)) {
                return "names heading #" + anchor + ", which " + Docs.name(root, file) + " does not have; its headings: " + ids;
            }
        }
        return null;
    }

    /** GitHub's ids of a page's headings: lower case, punctuation dropped, spaces to hyphens, -1, -2 on repeats. */
    private Set<String> headingIds(Path file) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : Docs.lines(file)) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            if (inFence || !line.matches("#{1,6} .*")) {
                continue;
            }
            String text = line.replaceFirst("#{1,6} ", "").strip().toLowerCase(Locale.ROOT);
            String id = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(id, 1, Integer::sum);
            ids.add(n == 1 ? id : id + "-" + (n - 1));
        }
        return ids;
    }
}
