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
 * {@code task} (task-image: kept with its dependencies), {@code api} (runtime-core: kept, since the user's
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
    private static final Pattern COORDINATE = Pattern.compile("([^:\\s]+):([^:\\s]+):\\S+");
    private static final Set<String> NOT_INHERITED_SCOPES = Set.of("test", "provided", "system");

    ImageContents {
        kept = List.copyOf(kept);
        leftOut = List.copyOf(leftOut);
    }

    /** What one classpath entry is. */
    private record Entry(Path path, Optional<String> role, Set<String> closure, Optional<String> coordinates,
                         Set<String> declares) {
        Entry withCoordinates(Optional<String> known) {
            return new Entry(path, role, closure, known, declares);
        }
    }

    /**
     * Splits {@code classpath} (already expanded, see {@link ImageLayout#withManifestClassPaths}).
     *
     * @param include {@code group:artifact} patterns to keep even when only the client's closures list them
     */
    static ImageContents select(List<Path> classpath, List<String> include) {
        List<Entry> read = classpath.stream().map(ImageContents::read).toList();
        Set<String> task = new HashSet<>();
        Set<String> client = new HashSet<>();
        for (Entry entry : read) {
            entry.role().ifPresent(role -> (role.equals("task") ? task : client).addAll(entry.closure()));
        }
        if (read.stream().noneMatch(e -> e.role().equals(Optional.of("task")))) {
            // No task-image built with its list (an older jar, a repackaged classpath): what the runner needs is unknown.
            return new ImageContents(classpath, List.of());
        }
        Set<String> known = new HashSet<>(task);
        known.addAll(client);
        client.removeAll(task);
        List<Entry> entries = read.stream().map(e -> e.role().isPresent() || e.coordinates().isPresent()
                || !Files.isRegularFile(e.path()) ? e : e.withCoordinates(fromRepositoryPath(e.path(), known))).toList();
        Predicate<String> included = patterns(include);
        Map<Path, Entry> clientOnly = new LinkedHashMap<>();
        Set<Path> kept = new HashSet<>();
        Deque<Entry> keptNotOurs = new ArrayDeque<>();
        for (Entry entry : entries) {
            Optional<String> coordinates = entry.coordinates();
            if (entry.role().isPresent()) {
                if (!entry.role().get().equals("client")) {
                    kept.add(entry.path());
                }
            } else if (coordinates.isPresent() && client.contains(coordinates.get()) && !included.test(coordinates.get())) {
                clientOnly.put(entry.path(), entry);
            } else {
                kept.add(entry.path());
                if (coordinates.isEmpty() || !task.contains(coordinates.get())) {
                    keptNotOurs.add(entry);
                }
            }
        }
        // What the user's code and its libraries declare stays, and what those declare in turn.
        Set<String> declared = new HashSet<>();
        while (!keptNotOurs.isEmpty()) {
            declared.addAll(keptNotOurs.poll().declares());
            for (var it = clientOnly.values().iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (declared.contains(entry.coordinates().orElseThrow())) {
                    it.remove();
                    kept.add(entry.path());
                    keptNotOurs.add(entry);
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

    private static Entry read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                return readDirectory(path);
            }
            if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
                return readJar(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath entry " + path, e);
        }
        return new Entry(path, Optional.empty(), Set.of(), Optional.empty(), Set.of());
    }

    private static Entry readDirectory(Path directory) throws IOException {
        for (String role : List.of("task", "api", "client")) {
            Path closure = directory.resolve(CLOSURE_DIR + role + CLOSURE_SUFFIX);
            if (Files.isRegularFile(closure)) {
                return new Entry(directory, Optional.of(role), closure(Files.readString(closure)), Optional.empty(), Set.of());
            }
        }
        // Maven's layout: <project>/target/classes next to <project>/pom.xml; test-classes see test dependencies too.
        Path parent = directory.getParent();
        Path pom = parent == null || parent.getParent() == null ? null : parent.getParent().resolve("pom.xml");
        Set<String> declares = Set.of();
        if (pom != null && Files.isRegularFile(pom)) {
            try (InputStream in = Files.newInputStream(pom)) {
                declares = declaredDependencies(in, directory.getFileName().toString().equals("test-classes")
                        ? Set.of() : Set.of("test"), false);
            }
        }
        return new Entry(directory, Optional.empty(), Set.of(), Optional.empty(), declares);
    }

    private static Entry readJar(Path jarPath) throws IOException {
        String fileName = jarPath.getFileName().toString();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (String role : List.of("task", "api", "client")) {
                JarEntry closure = jar.getJarEntry(CLOSURE_DIR + role + CLOSURE_SUFFIX);
                if (closure != null) {
                    try (InputStream in = jar.getInputStream(closure)) {
                        return new Entry(jarPath, Optional.of(role), closure(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                                Optional.empty(), Set.of());
                    }
                }
            }
            // A shaded jar holds the pom.properties of what it shaded too: its own one matches its file name.
            List<Properties> poms = new ArrayList<>();
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).toList()) {
                Properties properties = new Properties();
                try (InputStream in = jar.getInputStream(entry)) {
                    properties.load(in);
                }
                poms.add(properties);
            }
            Optional<Properties> own = poms.stream()
                    .filter(p -> fileName.startsWith(p.getProperty("artifactId") + "-" + p.getProperty("version")))
                    .findFirst().or(() -> poms.size() == 1 ? Optional.of(poms.get(0)) : Optional.empty());
            Optional<String> coordinates = own.map(p -> p.getProperty("groupId") + ":" + p.getProperty("artifactId"));
            Set<String> declares = Set.of();
            if (own.isPresent()) {
                JarEntry pom = jar.getJarEntry("META-INF/maven/" + own.get().getProperty("groupId") + "/"
                        + own.get().getProperty("artifactId") + "/pom.xml");
                if (pom != null) {
                    try (InputStream in = jar.getInputStream(pom)) {
                        declares = declaredDependencies(in, NOT_INHERITED_SCOPES, true);
                    }
                }
            }
            return new Entry(jarPath, Optional.empty(), Set.of(), coordinates, declares);
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

    /** {@code group:artifact} per line of {@code mvn dependency:list} output; the header and blank lines are skipped. */
    static Set<String> closure(String listing) {
        Set<String> coordinates = new HashSet<>();
        for (String line : listing.split("\n")) {
            var matcher = COORDINATE.matcher(line.trim());
            if (matcher.lookingAt()) {
                coordinates.add(matcher.group(1) + ":" + matcher.group(2));
            }
        }
        return coordinates;
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
