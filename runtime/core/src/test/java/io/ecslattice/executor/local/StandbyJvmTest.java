package io.ecslattice.executor.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a JVM started ahead takes a task and when it refuses one. The waiting process is a real process
 * ({@code sleep}) standing in for the task runner's standby loop, whose own test lives in task-image: what is
 * tested here is the hand-over decision, the move of its directory and the spec it is given.
 */
class StandbyJvmTest {

    private static final byte[] SPEC = "{\"methodName\":\"square\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final List<Process> launched = new ArrayList<>();
    private final List<Path> specFiles = new ArrayList<>();

    private StandbyJvm standby() {
        return new StandbyJvm(dir.resolve(".standby"), (classpath, outputDir, specFile, wait) -> {
            Files.writeString(outputDir.resolve("stdout.log"), "started ahead\n");
            specFiles.add(specFile);
            Process process = new ProcessBuilder("sleep", "60").start();
            launched.add(process);
            return process;
        });
    }

    @AfterEach
    void stopProcesses() {
        launched.forEach(Process::destroyForcibly);
    }

    @Test
    void jvmOnTheSameClasspathTakesTheTaskWithItsOutputDirectory() throws IOException {
        StandbyJvm standby = standby();
        standby.refill("a.jar:b.jar");
        Path taskDir = dir.resolve("tasks/d1/n0");

        Optional<Process> taken = standby.handOver("a.jar:b.jar", taskDir, SPEC);

        assertEquals(Optional.of(launched.get(0)), taken);
        assertEquals("started ahead\n", Files.readString(taskDir.resolve("stdout.log")), "its open output moved with it");
        assertArrayEquals(SPEC, Files.readAllBytes(specFiles.get(0)), "the spec written where it waits");
        assertArrayEquals(SPEC, Files.readAllBytes(taskDir.resolve("spec.json")));
    }

    @Test
    void jvmOnAnotherClasspathRefusesTheTaskAndIsStopped() throws IOException {
        StandbyJvm standby = standby();
        standby.refill("old.jar");
        Path taskDir = dir.resolve("tasks/d1/n0");

        assertEquals(Optional.empty(), standby.handOver("new.jar", taskDir, SPEC));

        assertFalse(Files.exists(taskDir), "nothing moved into the task's directory");
        assertFalse(Files.exists(specFiles.get(0)), "the refused JVM was given no spec");
        await("the refused standby JVM stopped").atMost(Duration.ofSeconds(10)).until(() -> !launched.get(0).isAlive());
        assertEquals(Optional.empty(), standby.handOver("old.jar", dir.resolve("tasks/d1/n1"), SPEC), "and it is not offered again");
    }

    @Test
    void jvmThatDiedWhileWaitingRefusesTheTask() throws Exception {
        StandbyJvm standby = standby();
        standby.refill("a.jar");
        launched.get(0).destroyForcibly().waitFor();

        assertEquals(Optional.empty(), standby.handOver("a.jar", dir.resolve("tasks/d1/n0"), SPEC));
        assertFalse(Files.exists(dir.resolve("tasks/d1/n0")));
    }

    @Test
    void taskWhoseDirectoryExistsIsRefusedSoNoEarlierOutputIsOverwritten() throws IOException {
        StandbyJvm standby = standby();
        standby.refill("a.jar");
        Path taskDir = Files.createDirectories(dir.resolve("tasks/d1/n0"));
        Files.writeString(taskDir.resolve("stdout.log"), "an earlier attempt\n");

        assertEquals(Optional.empty(), standby.handOver("a.jar", taskDir, SPEC));

        assertEquals("an earlier attempt\n", Files.readString(taskDir.resolve("stdout.log")));
        await("the refused standby JVM stopped").atMost(Duration.ofSeconds(10)).until(() -> !launched.get(0).isAlive());
        assertTrue(specFiles.stream().noneMatch(Files::exists));
    }
}
