package io.ecslattice.dispatch;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath that loaded the electrons' classes: the URLs of their class loaders (as under
 * {@code mvn exec:java} or an IDE), then {@code java.class.path}. A child JVM or an image needs exactly this.
 */
public final class Classpaths {

    private Classpaths() {
    }

    /** The classpath entries for {@code classes}, without duplicates, as absolute paths. */
    public static List<Path> of(Collection<Class<?>> classes) {
        Set<Path> entries = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            for (ClassLoader loader = type.getClassLoader(); loader != null; loader = loader.getParent()) {
                if (loader instanceof URLClassLoader urls) {
                    for (URL url : urls.getURLs()) {
                        if ("file".equals(url.getProtocol())) {
                            try {
                                entries.add(Path.of(url.toURI()).toAbsolutePath());
                            } catch (URISyntaxException | IllegalArgumentException e) {
                                entries.add(Path.of(url.getPath()).toAbsolutePath());
                            }
                        }
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        return List.copyOf(entries);
    }
}
