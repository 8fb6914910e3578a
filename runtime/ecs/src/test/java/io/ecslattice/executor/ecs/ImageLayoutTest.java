package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which classpath entries the task image holds: the task runner and the user's code and libraries, not the client's. */
class ImageLayoutTest {

    @TempDir
    Path dir;

    /**
     * A classpath as {@code bin/ecs-lattice} builds it, in miniature: our modules (with the closure lists their
     * build writes), jars of a Maven repository, the user's project with its pom and a library of its own.
     */
    @Test
    void keepsTheTaskRunnerAndTheUsersCodeAndLeavesTheClientsJarsOut() throws IOException {
        Path repo = dir.resolve("m2/repository");
        Path taskImage = jar(repo, "io.ecslattice", "task-image", Map.of(
                "META-INF/ecs-lattice/task-closure.txt", listing("software.amazon.awssdk:s3", "com.fasterxml.jackson.core:jackson-databind")));
        Path core = classesDir(dir.resolve("runtime/core"), Map.of(
                "META-INF/ecs-lattice/api-closure.txt", listing("io.ecslattice:task-image", "org.xerial:sqlite-jdbc",
                        "software.amazon.awssdk:s3", "com.fasterxml.jackson.core:jackson-databind")), null);
        Path ecs = jar(repo, "io.ecslattice", "runtime-ecs", Map.of("META-INF/ecs-lattice/client-closure.txt", listing(
                "software.amazon.awssdk:ecs", "software.amazon.awssdk:aws-json-protocol", "com.google.guava:guava",
                "org.jetbrains.kotlin:kotlin-stdlib", "com.example:client-helper", "software.amazon.awssdk:s3")));
        Path cli = classesDir(dir.resolve("runtime/cli"), Map.of("META-INF/ecs-lattice/client-closure.txt",
                listing("info.picocli:picocli", "io.ecslattice:runtime-ecs")), null);
        Path s3 = jar(repo, "software.amazon.awssdk", "s3", pom("software.amazon.awssdk", "s3", "com.example:client-helper"));
        Path databind = jar(repo, "com.fasterxml.jackson.core", "jackson-databind", Map.of());
        Path sqlite = jar(repo, "org.xerial", "sqlite-jdbc", Map.of());
        Path picocli = jar(repo, "info.picocli", "picocli", Map.of());
        Path guava = jar(repo, "com.google.guava", "guava", Map.of());
        Path ecsSdk = jar(repo, "software.amazon.awssdk", "ecs", pom("software.amazon.awssdk", "ecs",
                "software.amazon.awssdk:aws-json-protocol"));
        Path jsonProtocol = jar(repo, "software.amazon.awssdk", "aws-json-protocol", Map.of());
        Path helper = jar(repo, "com.example", "client-helper", Map.of());
        // Built by Gradle: no pom.properties, known by its place in the repository.
        Path kotlin = rawJar(repo.resolve("org/jetbrains/kotlin/kotlin-stdlib/2.2.20/kotlin-stdlib-2.2.20.jar"),
                Map.of("kotlin/Unit.class", "classes"));
        Path userLib = jar(repo, "org.acme", "pricing", pom("org.acme", "pricing", "software.amazon.awssdk:ecs"));
        Path userClasses = classesDir(dir.resolve("user-project"), Map.of("org/acme/Flow.class", "classes"),
                "<project><groupId>org.acme</groupId><artifactId>flow</artifactId><dependencies>"
                        + dependency("io.ecslattice", "runtime-ecs", null) + dependency("com.google.guava", "guava", null)
                        + dependency("org.acme", "pricing", null) + dependency("info.picocli", "picocli", "test")
                        + "</dependencies></project>");

        List<Path> classpath = List.of(userClasses, cli, ecs, core, taskImage, s3, databind, sqlite, picocli, guava, ecsSdk,
                jsonProtocol, helper, kotlin, userLib);
        ImageLayout layout = ImageLayout.of(classpath, List.of());

        // guava: the user's pom declares it; the ECS SDK and its protocol: the user's library declares the one,
        // the SDK's own pom the other. picocli is declared for tests only.
        assertEquals(List.of(taskImage, s3, databind, guava, ecsSdk, jsonProtocol, userLib), List.copyOf(layout.libs().keySet()));
        assertEquals(List.of(cli, ecs, sqlite, picocli, helper, kotlin), layout.leftOut());
        assertEquals(2, layout.classes().size(), "the user's classes and runtime-core's, each a layer of its own");
        assertTrue(layout.classes().get(0).containsKey(userClasses.resolve("org/acme/Flow.class")));
        assertTrue(layout.resources().get(1).containsKey(core.resolve("META-INF/ecs-lattice/api-closure.txt")));
        assertEquals("/app/classes:/app/resources:/app/libs/task-image-1.0.jar:/app/libs/s3-1.0.jar:/app/libs/jackson-databind-1.0.jar"
                + ":/app/libs/guava-1.0.jar:/app/libs/ecs-1.0.jar:/app/libs/aws-json-protocol-1.0.jar:/app/libs/pricing-1.0.jar",
                layout.classpath());

        ImageLayout including = ImageLayout.of(classpath, List.of("com.example:client-*", "org.jetbrains.kotlin:kotlin-stdlib"));
        assertEquals(List.of(cli, ecs, sqlite, picocli), including.leftOut(), "image_include keeps what it names");

        List<Path> withoutTaskList = classpath.stream().filter(p -> !p.equals(taskImage)).toList();
        assertEquals(List.of(), ImageLayout.of(withoutTaskList, List.of()).leftOut(),
                "without the task runner's list nothing is known to be the client's alone");
    }

    /**
     * The closure lists of the real build: this test's own classpath holds runtime-ecs, core and task-image with
     * theirs. Without this module's test classes, whose pom (runtime-ecs's) would declare jib-core and the SDKs.
     */
    @Test
    void leavesTheEcsExecutorsOwnDependenciesOutOfTheRealClasspath() {
        List<Path> classpath = ImageLayout.withManifestClassPaths(Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(Path::of).toList()).stream()
                .filter(p -> !p.getFileName().toString().equals("test-classes")).toList();
        ImageLayout layout = ImageLayout.of(classpath, List.of());
        List<String> kept = layout.libs().keySet().stream().map(p -> p.getFileName().toString()).toList();
        List<String> leftOut = layout.leftOut().stream().map(Path::toString).toList();
        assertTrue(leftOut.stream().anyMatch(p -> p.contains("jib-core")), "jib-core is the client's: " + leftOut);
        assertTrue(leftOut.stream().anyMatch(p -> p.contains("sqlite-jdbc")), "the results store is the client's: " + leftOut);
        assertTrue(leftOut.stream().anyMatch(p -> p.replace('\\', '/').contains("runtime/ecs/target/classes")
                || p.contains("runtime-ecs-")), "runtime-ecs itself is the client: " + leftOut);
        assertTrue(kept.stream().anyMatch(n -> n.startsWith("s3-")), "the task runner reads and writes S3: " + kept);
        assertTrue(kept.stream().anyMatch(n -> n.startsWith("url-connection-client-")), kept::toString);
        assertFalse(kept.stream().anyMatch(n -> n.startsWith("netty-") || n.startsWith("apache5-client")),
                "the task runner names its HTTP client: " + kept);
    }

    private static String listing(String... coordinates) {
        StringBuilder out = new StringBuilder("\nThe following files have been resolved:\n");
        for (String c : coordinates) {
            out.append("   ").append(c).append(":jar:1.0:compile -- module x\n");
        }
        return out.toString();
    }

    private static String dependency(String group, String artifact, String scope) {
        return "<dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>"
                + (scope == null ? "" : "<scope>" + scope + "</scope>") + "<version>1.0</version></dependency>";
    }

    /** pom.properties and pom.xml as maven-jar-plugin writes them, the pom declaring {@code dependencies}. */
    private static Map<String, String> pom(String group, String artifact, String... dependencies) {
        StringBuilder declared = new StringBuilder();
        for (String d : dependencies) {
            declared.append(dependency(d.substring(0, d.indexOf(':')), d.substring(d.indexOf(':') + 1), null));
        }
        declared.append(dependency("org.junit", "junit-for-tests", "test"));
        return Map.of("META-INF/maven/" + group + "/" + artifact + "/pom.xml",
                "<project><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><dependencies>"
                        + declared + "</dependencies></project>");
    }

    /** A jar at its Maven repository path, with pom.properties and {@code files}. */
    private static Path jar(Path repo, String group, String artifact, Map<String, String> files) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(files);
        all.put("META-INF/maven/" + group + "/" + artifact + "/pom.properties",
                "groupId=" + group + "\nartifactId=" + artifact + "\nversion=1.0\n");
        all.put(artifact.replace('-', '/') + "/Marker.class", "classes");
        return rawJar(repo.resolve(group.replace('.', '/') + "/" + artifact + "/1.0/" + artifact + "-1.0.jar"), all);
    }

    private static Path rawJar(Path at, Map<String, String> files) throws IOException {
        Files.createDirectories(at.getParent());
        try (OutputStream file = Files.newOutputStream(at); JarOutputStream jar = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : files.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return at;
    }

    /** {@code <project>/target/classes} with {@code files}, and {@code <project>/pom.xml} when given. */
    private static Path classesDir(Path project, Map<String, String> files, String pomXml) throws IOException {
        Path classes = project.resolve("target/classes");
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Path file = classes.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());
        }
        if (pomXml != null) {
            Files.writeString(project.resolve("pom.xml"), pomXml);
        }
        return classes;
    }
}
