package io.ecslattice.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page shells, script and style sheet, read once from the classpath folder {@code ui/}. The UI
 * fetches nothing else at run time: no CDN, no web fonts.
 */
final class StaticAssets {
    private static final List<String> FILES = List.of(
            "list.html", "dispatch.html", "node.html",
            "app.css", "common.js", "list.js", "dispatch.js", "dag.js", "timeline.js", "node.js");

    /** One file's bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> assets = new HashMap<>();

    StaticAssets() {
        for (String file : FILES) {
            assets.put(file, new Asset(read("ui/" + file), contentType(file)));
        }
    }

    Optional<Asset> get(String file) {
        return Optional.ofNullable(assets.get(file));
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("UI resource " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading UI resource " + resource, e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
