package io.ecslattice.executor.ecs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Where each classpath entry goes in the task image, and the content hash that names the image.
 * Layers bottom to top: dependency jars ({@code /app/libs}, the task runner among them), then per
 * classpath directory its resources ({@code /app/resources}) and its classes ({@code /app/classes}),
 * so a code change pushes only the layer of the directory it touched. Only the entries
 * {@link ImageContents} keeps are laid out: the client's own jars stay on the client.
 *
 * @param libs      jar on this machine to its path in the image
 * @param resources per classpath directory: its non-class files to their paths in the image
 * @param classes   per classpath directory: its class files to their paths in the image
 * @param classpath the container's {@code -cp}, in the order of the client's classpath
 * @param leftOut   the client's classpath entries the image does not hold
 */
record ImageLayout(Map<Path, String> libs, List<Map<Path, String>> resources, List<Map<Path, String>> classes,
                   String classpath, List<Path> leftOut) {
    static final String TASK_RUNNER = "io.ecslattice.taskrunner.TaskRunner";

    /**
     * Lays out the classpath's entries that belong in the image; directories merge into one tree, and the
     * first entry wins, as under java -cp.
     *
     * @param include {@code image_include}: {@code group:artifact} patterns kept even if only the client needs them
     */
    static ImageLayout of(List<Path> classpath, List<String> include) {
        ImageContents contents = ImageContents.select(withManifestClassPaths(classpath), include);
        Map<Path, String> libs = new LinkedHashMap<>();
        List<Map<Path, String>> resources = new ArrayList<>();
        List<Map<Path, String>> classes = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        List<String> cp = new ArrayList<>(List.of("/app/classes", "/app/resources"));
        for (Path entry : contents.kept()) {
            Path absolute = entry.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                Map<Path, String> directoryResources = new LinkedHashMap<>();
                Map<Path, String> directoryClasses = new LinkedHashMap<>();
                for (Path file : files(absolute)) {
                    String relative = absolute.relativize(file).toString().replace('\\', '/');
                    boolean isClass = relative.endsWith(".class");
                    String target = (isClass ? "/app/classes/" : "/app/resources/") + relative;
                    if (taken.add(target)) {
                        (isClass ? directoryClasses : directoryResources).put(file, target);
                    }
                }
                resources.add(directoryResources);
                classes.add(directoryClasses);
            } else if (Files.isRegularFile(absolute) && !libs.containsKey(absolute)) {
                String name = absolute.getFileName().toString();
                String target = "/app/libs/" + name;
                for (int i = 2; !taken.add(target); i++) {
                    target = "/app/libs/" + i + "-" + name;
                }
                libs.put(absolute, target);
                cp.add(target);
            }
        }
        return new ImageLayout(libs, resources, classes, String.join(":", cp), contents.leftOut());
    }

    /**
     * The classpath as the JVM sees it: each jar followed by the entries of its manifest's
     * {@code Class-Path} (how surefire and IDEs pass long classpaths), recursively, each once.
     */
    static List<Path> withManifestClassPaths(List<Path> classpath) {
        Set<Path> expanded = new LinkedHashSet<>();
        Set<Path> pathingJars = new LinkedHashSet<>();
        classpath.forEach(entry -> expand(entry.toAbsolutePath().normalize(), expanded, pathingJars));
        expanded.removeAll(pathingJars);
        return List.copyOf(expanded);
    }

    /** Adds the entry and what its manifest references; notes jars that hold nothing but a manifest. */
    private static void expand(Path entry, Set<Path> into, Set<Path> pathingJars) {
        if (!into.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            if (jar.stream().allMatch(e -> e.getName().startsWith("META-INF/"))) {
                pathingJars.add(entry);
            }
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            for (String reference : classPath.trim().split("\\s+")) {
                URI uri = entry.getParent().toUri().resolve(reference);
                if ("file".equals(uri.getScheme())) {
                    Path referenced = Path.of(uri).normalize();
                    if (Files.exists(referenced)) {
                        expand(referenced, into, pathingJars);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath jar " + entry, e);
        }
    }

    /** The container's command: the task runner on the baked-in classpath, sized to the task's memory. */
    List<String> entrypoint() {
        return List.of("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath, TASK_RUNNER);
    }

    /**
     * A hash of everything that makes up the image: base, platform, command, and every file's path and
     * content. Same code, same tag, so an unchanged rebuild is skipped by a registry lookup.
     */
    String contentHash(String baseImage, String architecture, JarDigests digests) {
        MessageDigest digest = Hashes.sha256();
        update(digest, baseImage + "\n" + architecture + "\n" + String.join(" ", entrypoint()) + "\n");
        List<Map<Path, String>> layers = new ArrayList<>(List.of(libs));
        layers.addAll(resources);
        layers.addAll(classes);
        for (Map<Path, String> layer : layers) {
            layer.forEach((file, target) -> update(digest, target + "=" + digests.digest(file) + "\n"));
            update(digest, "--\n");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath directory " + directory, e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
