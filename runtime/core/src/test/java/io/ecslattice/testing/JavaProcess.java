package io.ecslattice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a main class of the test classpath in a separate JVM, as a second process would. */
public final class JavaProcess {

    private JavaProcess() {
    }

    /** A started JVM running {@code mainClass} with {@code args} and extra environment {@code env}; output goes to {@code log}. */
    public static Process start(Class<?> mainClass, Map<String, String> env, Path log, String... args) throws IOException {
        return start(mainClass.getName(), System.getProperty("java.class.path"), env, log, args);
    }

    /** A started JVM running {@code mainClass} on {@code classpath}; see {@link #start(Class, Map, Path, String...)}. */
    public static Process start(String mainClass, String classpath, Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs {@code mainClass} to the end (at most {@code timeoutSeconds}) and returns its exit code and output. */
    public static Outcome run(Class<?> mainClass, Map<String, String> env, Path log, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(mainClass.getName(), System.getProperty("java.class.path"), env, log, timeoutSeconds, args);
    }

    /** Runs {@code mainClass} on {@code classpath} to the end; see {@link #run(Class, Map, Path, long, String...)}. */
    public static Outcome run(String mainClass, String classpath, Map<String, String> env, Path log, long timeoutSeconds,
                              String... args) throws IOException, InterruptedException {
        Process process = start(mainClass, classpath, env, log, args);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within " + timeoutSeconds + " s; output:\n"
                    + java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Outcome(process.exitValue(), java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
    }

    /** How a finished JVM ended. */
    public record Outcome(int exitCode, String output) {
    }
}
