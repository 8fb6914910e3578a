package io.ecslattice.executor.local;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.TaskRunner;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs each electron in a fresh JVM: {@code java -cp <electron classpath> io.ecslattice.taskrunner.TaskRunner}
 * with the spec in a file named by {@link Wire#ENV_SPEC_URI}, the result written to a {@code file://} URI,
 * output in files next to it. The handle holds the pid and the process's start time, so another process
 * can re-attach to a child that outlived its parent (and not mistake a reused pid for it).
 */
final class ChildJvmRunner implements LocalExecutor.Runner {

    private static final long POLL_MS = 200;

    private final String executorName;
    private final Path java;
    private final List<String> jvmOptions;
    private final Path workDir;
    private final Map<Long, Process> children = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private final StandbyJvm standby;

    ChildJvmRunner(String executorName, Path java, List<String> jvmOptions, Path workDir, boolean standbyJvm) {
        this.executorName = executorName;
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.workDir = workDir;
        this.standby = standbyJvm ? new StandbyJvm(workDir.resolve(".standby"), this::launch) : null;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ecs-lattice-" + executorName + "-poller");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        return submit(spec, context, Map.of());
    }

    /** Runs the task in a JVM whose environment also holds {@code env}; such a JVM is never the standby, started before the env was known. */
    CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context, Map<String, String> env) {
        try {
            Path dir = workDir.resolve(Keys.segment(spec.dispatchId())).resolve(Keys.segment(spec.nodeId()) + "-" + spec.attempt());
            TaskSpec withResult = new TaskSpec(spec.wireVersion(), spec.dispatchId(), spec.nodeId(), spec.attempt(),
                    spec.className(), spec.methodName(), spec.parameterTypes(), spec.arguments(),
                    dir.resolve("result.json").toUri().toString());
            byte[] specJson = Wire.mapper().writeValueAsBytes(withResult);
            String classpath = context.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
            Optional<Process> warm = standby == null || !env.isEmpty() ? Optional.empty() : standby.handOver(classpath, dir, specJson);
            Process process;
            if (warm.isPresent()) {
                process = warm.get();
            } else {
                Files.createDirectories(dir);
                Files.deleteIfExists(dir.resolve("result.json"));
                Path specFile = dir.resolve("spec.json");
                Files.write(specFile, specJson);
                process = launch(classpath, dir, specFile, null, env);
            }
            children.put(process.pid(), process);
            if (standby != null) {
                // Off the submit path: the task's own JVM is already starting.
                poller.execute(() -> standby.refill(classpath));
            }
            Map<String, String> details = new HashMap<>();
            details.put("pid", Long.toString(process.pid()));
            details.put("workDir", dir.toString());
            details.put("startedAhead", Boolean.toString(warm.isPresent()));
            LocalProcesses.recordStart(process.toHandle(), details);
            return CompletableFuture.completedFuture(new TaskHandle(executorName, Long.toString(process.pid()), details));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("cannot start a child JVM (" + java + ") for node "
                    + spec.nodeId() + ": " + e.getMessage(), e));
        }
    }

    /** Starts the task runner with output to {@code dir}; with {@code wait}, it waits that long for {@code specFile} to appear. */
    private Process launch(String classpath, Path dir, Path specFile, Duration wait) throws IOException {
        return launch(classpath, dir, specFile, wait, Map.of());
    }

    private Process launch(String classpath, Path dir, Path specFile, Duration wait, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(TaskRunner.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        builder.environment().putAll(env);
        builder.environment().remove(Wire.ENV_SPEC);
        builder.environment().put(Wire.ENV_SPEC_URI, specFile.toUri().toString());
        if (wait != null) {
            builder.environment().put(Wire.ENV_SPEC_WAIT_MS, Long.toString(wait.toMillis()));
            builder.environment().put(Wire.ENV_SPEC_PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        } else {
            builder.environment().remove(Wire.ENV_SPEC_WAIT_MS);
            builder.environment().remove(Wire.ENV_SPEC_PARENT_PID);
        }
        return builder.start();
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        long pid = pid(handle);
        Path dir = Path.of(handle.details().get("workDir"));
        Process child = children.get(pid);
        if (child != null) {
            return child.onExit().thenApply(p -> {
                children.remove(pid);
                return outcome(handle, dir, Optional.of(p.exitValue()));
            });
        }
        CompletableFuture<TaskOutcome> done = new CompletableFuture<>();
        poller.execute(() -> pollForeign(handle, dir, done));
        return done;
    }

    /** A child of another (maybe dead) process: poll until it is gone or has written its result. */
    private void pollForeign(TaskHandle handle, Path dir, CompletableFuture<TaskOutcome> done) {
        Optional<ProcessHandle> process = sameProcess(handle);
        if (process.isEmpty() || !process.get().isAlive() || LocalProcesses.zombie(process.get().pid()) || Files.exists(dir.resolve("result.json"))) {
            done.complete(outcome(handle, dir, Optional.empty()));
        } else {
            poller.schedule(() -> pollForeign(handle, dir, done), POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The child's pid: the ref of this runner's handles, a detail of the pool's (stored before the isolation was changed). */
    private static long pid(TaskHandle handle) {
        return Long.parseLong(handle.details().getOrDefault("pid", handle.ref()));
    }

    private static Optional<ProcessHandle> sameProcess(TaskHandle handle) {
        return LocalProcesses.sameProcess(handle, Long.toString(pid(handle)));
    }

    private TaskOutcome outcome(TaskHandle handle, Path dir, Optional<Integer> exitCode) {
        Map<String, String> details = new HashMap<>();
        exitCode.ifPresent(code -> details.put("exitCode", Integer.toString(code)));
        Path resultFile = dir.resolve("result.json");
        try {
            if (Files.exists(resultFile)) {
                return new TaskOutcome(Wire.mapper().readValue(resultFile.toFile(), TaskResult.class), details);
            }
        } catch (IOException e) {
            return new TaskOutcome(synthesized(handle, "UnreadableResult", "result file " + resultFile + " of child JVM pid "
                    + handle.ref() + " cannot be read: " + e.getMessage(), dir), details);
        }
        String stderr = String.join("\n", tail(dir.resolve("stderr.log"), 20));
        return new TaskOutcome(synthesized(handle, "ChildJvmExited", "child JVM pid " + handle.ref() + " exited"
                + exitCode.map(c -> " with code " + c).orElse("") + " without writing a result"
                + (stderr.isBlank() ? "" : "; its stderr ends with:\n" + stderr), dir), details);
    }

    private static TaskResult synthesized(TaskHandle handle, String type, String message, Path dir) {
        Instant now = Instant.now();
        String stdout = String.join("\n", tail(dir.resolve("stdout.log"), 200));
        String stderr = String.join("\n", tail(dir.resolve("stderr.log"), 200));
        return new TaskResult(Wire.VERSION, dir.getParent().getFileName().toString(), handle.ref(), null,
                new TaskError(type, message, ""), stdout, stderr, now, now);
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        Process child = children.get(pid(handle));
        if (child != null) {
            child.destroy();
        } else {
            sameProcess(handle).ifPresent(ProcessHandle::destroy);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> kill(TaskHandle handle) {
        Process child = children.get(Long.parseLong(handle.ref()));
        if (child != null) {
            child.destroyForcibly();
        } else {
            sameProcess(handle).ifPresent(ProcessHandle::destroyForcibly);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        Path dir = Path.of(handle.details().get("workDir"));
        List<String> lines = new ArrayList<>(tail(dir.resolve("stdout.log"), maxLines));
        lines.addAll(tail(dir.resolve("stderr.log"), maxLines));
        return lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
    }

    private static List<String> tail(Path file, int maxLines) {
        return LocalProcesses.tail(file, maxLines);
    }

    @Override
    public void close() {
        if (standby != null) {
            standby.close();
        }
        poller.shutdownNow();
    }
}
