package io.ecslattice.executor.ecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Which classpath entries go into the task image: the task runner, the user's code and the user's
 * dependencies, never the jars only the client needs.
 *
 * <p>Our modules say what they are with a resource written at build time,
 * {@code META-INF/ecs-lattice/<role>-closure.txt}, listing their runtime dependencies ({@code mvn dependency:list}):
 * {@code task} (task-runner and task-image: kept with their dependencies), {@code api} (runtime-core: kept, since the user's
 * classes refer to the workflow API; its own dependencies, SQLite and TOML, are the client's) and {@code client}
 * (runtime-ecs, runtime-cli: left out). A jar is known by its Maven coordinates (its
 * {@code META-INF/maven/.../pom.properties}, else its path in a Maven or Gradle cache); one that only the
 * client's closures list is left out, unless the user declared it: the {@code pom.xml} beside a
 * {@code target/classes} directory, and the {@code pom.xml} inside every kept jar that is not ours, name
 * dependencies that stay, and so do the jars those declare in turn. {@code image_include} keeps more
 * ({@code group:artifact}, {@code *} matches any text), for what no pom declares (a Gradle project).
 * A directory or jar that no closure lists is the user's and always stays. Without a task-image that carries
 * its list, nothing is left out: what the task runner needs would be unknown.
 *
 * @param kept    the entries the image holds, in classpath order
 * @param leftOut the client's entries it does not hold, in classpath order
 */
record ImageContents(List<Path> kept, List<Path> leftOut) {
    static final String CLOSURE_DIR = "META-INF/ecs-lattice/";
    private static final String CLOSURE_SUFFIX = "-closure.txt";
    private static final List<String> ROLES = List.of("task", "api", "client");
    /**
     * Jars that may be our modules: only these are opened to look for a closure list (opening all ~120 jars of
     * the CLI's classpath costs a few hundred ms per dispatch). A renamed module jar is not found, and the image
     * then holds more than it needs, never less: without the task-image's list, nothing is left out.
     */
    private static final Pattern OUR_JARS = Pattern.compile("(task-runner|task-image|runtime-core|runtime-ecs|runtime-cli)-.*\\.jar");
    private static final Set<String> NOT_INHERITED_SCOPES = Set.of("test", "provided", "system");

    ImageContents {
        kept = List.copyOf(kept);
        leftOut = List.copyOf(leftOut);
    }

    /** One of our modules on the classpath: its role and the {@code group:artifact} of its runtime dependencies by jar file name. */
    private record Module(String role, Map<String, String> closure) {
    }

    /**
     * Splits {@code classpath} (already expanded, see {@link ImageLayout#withManifestClassPaths}).
     *
     * @param include {@code group:artifact} patterns to keep even when only the client's closures list them
     */
    static ImageContents select(List<Path> classpath, List<String> include) {
        Map<Path, Module> modules = new LinkedHashMap<>();
        classpath.forEach(path -> module(path).ifPresent(module -> modules.put(path, module)));
        if (modules.values().stream().noneMatch(m -> m.role().equals("task"))) {
            // No task-image built with its list (an older jar, a repackaged classpath): what the runner needs is unknown.
            return new ImageContents(classpath, List.of());
        }
        Set<String> task = new HashSet<>();
        Set<String> client = new HashSet<>();
        Map<String, Set<String>> byFileName = new HashMap<>();
        modules.values().forEach(module -> {
            (module.role().equals("task") ? task : client).addAll(module.closure().values());
            module.closure().forEach((file, coordinates) -> byFileName.computeIfAbsent(file, f -> new HashSet<>()).add(coordinates));
        });
        client.removeAll(task);
        Predicate<String> included = patterns(include);
        Map<Path, String> clientOnly = new LinkedHashMap<>();
        Set<Path> kept = new HashSet<>();
        Deque<Map.Entry<Path, Optional<String>>> keptNotOurs = new ArrayDeque<>();
        for (Path path : classpath) {
            Module module = modules.get(path);
            if (module != null) {
                if (!module.role().equals("client")) {
                    kept.add(path);
                }
                continue;
            }
            Optional<String> coordinates = coordinates(path, byFileName);
            if (coordinates.isPresent() && client.contains(coordinates.get()) && !included.test(coordinates.get())) {
                clientOnly.put(path, coordinates.get());
            } else {
                kept.add(path);
                if (coordinates.isEmpty() || !task.contains(coordinates.get())) {
                    keptNotOurs.add(Map.entry(path, coordinates));
                }
            }
        }
        // What the user's code and its libraries declare stays, and what those declare in turn.
        Set<String> declared = new HashSet<>();
        while (!keptNotOurs.isEmpty()) {
            Map.Entry<Path, Optional<String>> next = keptNotOurs.poll();
            declared.addAll(declares(next.getKey(), next.getValue()));
            for (var it = clientOnly.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, String> entry = it.next();
                if (declared.contains(entry.getValue())) {
                    it.remove();
                    kept.add(entry.getKey());
                    keptNotOurs.add(Map.entry(entry.getKey(), Optional.of(entry.getValue())));
                }
            }
        }
        List<Path> in = new ArrayList<>();
        List<Path> out = new ArrayList<>();
        classpath.forEach(path -> (kept.contains(path) ? in : out).add(path));
        return new ImageContents(in, out);
    }

    private static Predicate<String> patterns(List<String> include) {
        List<Pattern> compiled = include.stream()
                .map(p -> Pattern.compile(Pattern.quote(p.trim()).replace("*", "\\E.*\\Q"))).toList();
        return coordinates -> compiled.stream().anyMatch(p -> p.matcher(coordinates).matches());
    }

    /** The module a directory or jar is, by the closure list it carries. */
    private static Optional<Module> module(Path path) {
        try {
            if (Files.isDirectory(path)) {
                for (String role : ROLES) {
                    Path closure = path.resolve(CLOSURE_DIR + role + CLOSURE_SUFFIX);
                    if (Files.isRegularFile(closure)) {
                        return Optional.of(new Module(role, closure(Files.readString(closure))));
                    }
                }
            } else if (isJar(path) && OUR_JARS.matcher(path.getFileName().toString()).matches()) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (String role : ROLES) {
                        JarEntry closure = jar.getJarEntry(CLOSURE_DIR + role + CLOSURE_SUFFIX);
                        if (closure != null) {
                            try (InputStream in = jar.getInputStream(closure)) {
                                return Optional.of(new Module(role, closure(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
                            }
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath entry " + path, e);
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    /**
     * {@code group:artifact} of a jar: by its file name when one closure lists exactly one artifact of that name
     * (no need to open it), else by its {@code pom.properties}; a shaded jar holds those of what it shaded too, its
     * own one matches its file name.
     */
    private static Optional<String> coordinates(Path path, Map<String, Set<String>> byFileName) {
        if (!isJar(path)) {
            return Optional.empty();
        }
        String fileName = path.getFileName().toString();
        Set<String> named = byFileName.getOrDefault(fileName, Set.of());
        if (named.size() == 1) {
            return Optional.of(named.iterator().next());
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            List<Properties> poms = new ArrayList<>();
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).toList()) {
                Properties properties = new Properties();
                try (InputStream in = jar.getInputStream(entry)) {
                    properties.load(in);
                }
                poms.add(properties);
            }
            return poms.stream()
                    .filter(p -> fileName.startsWith(p.getProperty("artifactId") + "-" + p.getProperty("version")))
                    .findFirst().or(() -> poms.size() == 1 ? Optional.of(poms.get(0)) : Optional.empty())
                    .map(p -> p.getProperty("groupId") + ":" + p.getProperty("artifactId"))
                    .or(() -> fromRepositoryPath(path, byFileName.values().stream().flatMap(Set::stream).collect(Collectors.toSet())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath jar " + path, e);
        }
    }

    /**
     * What a user's classpath entry declares: for a directory, the pom.xml of its Maven project
     * ({@code <project>/target/classes}; {@code test-classes} sees test dependencies too), for a jar the pom.xml
     * maven-jar-plugin put in it.
     */
    private static Set<String> declares(Path path, Optional<String> coordinates) {
        try {
            if (Files.isDirectory(path)) {
                Path parent = path.getParent();
                Path pom = parent == null || parent.getParent() == null ? null : parent.getParent().resolve("pom.xml");
                if (pom == null || !Files.isRegularFile(pom)) {
                    return Set.of();
                }
                try (InputStream in = Files.newInputStream(pom)) {
                    return declaredDependencies(in, path.getFileName().toString().equals("test-classes") ? Set.of() : Set.of("test"),
                            false);
                }
            }
            if (coordinates.isEmpty() || !isJar(path)) {
                return Set.of();
            }
            String ga = coordinates.get();
            try (JarFile jar = new JarFile(path.toFile())) {
                JarEntry pom = jar.getJarEntry("META-INF/maven/" + ga.replace(':', '/') + "/pom.xml");
                if (pom == null) {
                    return Set.of();
                }
                try (InputStream in = jar.getInputStream(pom)) {
                    return declaredDependencies(in, NOT_INHERITED_SCOPES, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pom.xml of classpath entry " + path, e);
        }
    }

    /**
     * Which of {@code known} ({@code group:artifact}) a jar without pom.properties is, from where it lies:
     * Maven's {@code .../<group/as/dirs>/<artifact>/<version>/<artifact>-<version>.jar} or Gradle's
     * {@code .../<group>/<artifact>/<version>/<hash>/<artifact>-<version>.jar}.
     */
    static Optional<String> fromRepositoryPath(Path jar, Set<String> known) {
        String fileName = jar.getFileName().toString();
        String path = jar.toString().replace('\\', '/');
        return known.stream().filter(coordinates -> {
            String group = coordinates.substring(0, coordinates.indexOf(':'));
            String artifact = coordinates.substring(coordinates.indexOf(':') + 1);
            return fileName.startsWith(artifact + "-") && (path.contains("/" + group.replace('.', '/') + "/" + artifact + "/")
                    || path.contains("/" + group + "/" + artifact + "/"));
        }).findFirst();
    }

    /**
     * Per line of {@code mvn dependency:list} output ({@code group:artifact:type[:classifier]:version:scope}), the
     * jar's file name to its {@code group:artifact}; the header and blank lines are skipped.
     */
    static Map<String, String> closure(String listing) {
        Map<String, String> byFileName = new HashMap<>();
        for (String line : listing.split("\n")) {
            String[] parts = line.trim().split("\\s+", 2)[0].split(":");
            if (parts.length == 5 || parts.length == 6) {
                String classifier = parts.length == 6 ? "-" + parts[3] : "";
                String version = parts[parts.length - 2];
                byFileName.put(parts[1] + "-" + version + classifier + ".jar", parts[0] + ":" + parts[1]);
            }
        }
        return byFileName;
    }

    /**
     * {@code group:artifact} of a pom's {@code <dependencies>} (not those of its dependencyManagement or
     * profiles), leaving out the given scopes and, for a library's pom, optional ones (Maven does not pass them on).
     */
    static Set<String> declaredDependencies(InputStream pom, Set<String> skippedScopes, boolean skipOptional) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom).getDocumentElement();
            String ownGroup = child(project, "groupId").orElseGet(() ->
                    childElement(project, "parent").flatMap(p -> child(p, "groupId")).orElse(""));
            Set<String> declared = new HashSet<>();
            Optional<Element> dependencies = childElement(project, "dependencies");
            if (dependencies.isEmpty()) {
                return declared;
            }
            NodeList list = dependencies.get().getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (!(list.item(i) instanceof Element dependency) || !dependency.getTagName().equals("dependency")) {
                    continue;
                }
                String group = child(dependency, "groupId").orElse("")
                        .replace("${project.groupId}", ownGroup).replace("${groupId}", ownGroup);
                String artifact = child(dependency, "artifactId").orElse("");
                String scope = child(dependency, "scope").orElse("compile");
                boolean optional = child(dependency, "optional").map("true"::equals).orElse(false);
                if (!group.contains("${") && !artifact.contains("${") && !skippedScopes.contains(scope)
                        && !(skipOptional && optional)) {
                    declared.add(group + ":" + artifact);
                }
            }
            return declared;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a pom.xml on the classpath", e);
        } catch (Exception e) {
            // A pom we cannot parse declares nothing we can use; its jar stays by the other rules.
            return Set.of();
        }
    }

    private static Optional<Element> childElement(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> child(Element parent, String tag) {
        return childElement(parent, tag).map(e -> e.getTextContent().trim());
    }
}
