package io.ecslattice.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.config.Setting;
import io.ecslattice.config.SettingsTable;
import io.ecslattice.executor.ecs.EcsSettingsTable;
import io.ecslattice.executor.local.LocalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reference pages name everything there is: every setting of the settings tables, every CLI command and long
 * option, every route of the UI's HTTP API. A new one fails here until its page has it.
 */
class DocReferenceTest {

    private static final Pattern COMMAND = Pattern.compile("@Command\\(name = \"([a-z-]+)\"");
    private static final Pattern LONG_OPTION = Pattern.compile("\"(--[a-z][a-z-]*)\"");
    private static final Pattern ROUTE = Pattern.compile("routes\\.(get|post|put|delete|patch)\\(\"(/api/[^\"]+)\"");

    private final Path root = Docs.root();

    @Test
    void settingsPageNamesEverySetting() throws IOException {
        String page = Files.readString(root.resolve("docs/reference/settings.md"));
        List<String> missing = new ArrayList<>();
        for (SettingsTable table : List.of(RuntimeSettings.TABLE, LocalSettings.TABLE, EcsSettingsTable.TABLE)) {
            for (Setting<?> setting : table.settings()) {
                if (!page.contains("`" + setting.key() + "`")) {
                    missing.add("`" + setting.key() + "` of " + table.name());
                }
            }
        }
        if (!missing.isEmpty()) {
            fail("docs/reference/settings.md does not name these settings (write each as `key` in its table's section, with"
                    + " its default and meaning from the settings table): " + missing);
        }
    }

    @Test
    void cliPageNamesEveryCommandAndLongOption() throws IOException {
        String page = Files.readString(root.resolve("docs/reference/cli.md"));
        List<Path> sources = sources("/io/ecslattice/cli/", "/io/ecslattice/ui/UiCommand.java");
        assertFalse(sources.isEmpty(), "found no CLI command sources under runtime/");
        List<String> missing = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            for (Matcher m = COMMAND.matcher(text); m.find(); ) {
                if (!m.group(1).equals("ecs-lattice") && !Pattern.compile("ecs-lattice[^\\n]*\\b" + Pattern.quote(m.group(1)) + "\\b").matcher(page).find()) {
                    missing.add("command " + m.group(1) + " (" + Docs.name(root, source) + ")");
                }
            }
            if (text.contains("@Option")) {
                for (Matcher m = LONG_OPTION.matcher(text); m.find(); ) {
                    if (!page.contains(m.group(1))) {
                        missing.add("option " + m.group(1) + " (" + Docs.name(root, source) + ")");
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            fail("docs/reference/cli.md does not name: " + missing + "; add each with what it does (see its --help)");
        }
    }

    @Test
    void uiPageNamesEveryApiRoute() throws IOException {
        String page = Files.readString(root.resolve("docs/reference/ui.md"));
        List<String> missing = new ArrayList<>();
        int routes = 0;
        for (Path source : sources("/io/ecslattice/ui/", null)) {
            for (Matcher m = ROUTE.matcher(Files.readString(source)); m.find(); routes++) {
                String route = m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2);
                if (!page.contains(route)) {
                    missing.add(route + " (" + Docs.name(root, source) + ")");
                }
            }
        }
        assertFalse(routes == 0, "found no UI routes (routes.get(\"/api/...\")) under runtime/");
        if (!missing.isEmpty()) {
            fail("docs/reference/ui.md does not name these routes (write each as `METHOD /path` in the API table): " + missing);
        }
    }

    /** Main sources under runtime/ whose path contains {@code folder}, or ends with {@code extra}. */
    private List<Path> sources(String folder, String extra) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("runtime"))) {
            return files.map(Path::toString)
                    .filter(p -> p.contains("/src/main/java/") && p.endsWith(".java")
                            && (p.contains(folder) || (extra != null && p.endsWith(extra))))
                    .sorted().map(Path::of).toList();
        }
    }
}
