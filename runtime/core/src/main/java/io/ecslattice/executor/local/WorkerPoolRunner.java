package io.ecslattice.executor.local;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.TaskRunner;
import io.ecslattice.taskrunner.worker.SocketWorkServer;
import io.ecslattice.taskrunner.worker.SocketWorkSource;
import io.ecslattice.taskrunner.worker.WorkerMain;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local pool: up to {@code max_in_flight} warm child JVMs, each the task runner in worker mode, fed
 * over a socket on 127.0.0.1 ({@link SocketWorkServer}) and each running many electrons. JVMs are keyed by
 * {@link CodeVersion} (classpath, its contents, JVM options): an electron only goes to a JVM of its version,
 * and an idle JVM of another version makes room for a new one. A JVM exits after {@code pool_idle_seconds}
 * without work, or when this executor closes. An electron whose JVM dies under it runs once more on a fresh
 * JVM (labelled {@code infrastructureRetry} in its details); if that JVM dies too, the node fails naming
 * the exit code and the JVM's last stderr lines.
 */
final class WorkerPoolRunner implements LocalExecutor.Runner, SocketWorkServer.Listener {

    /** How long a cancelled electron may take to stop after its interrupt before its JVM is killed. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MS = 200;
    private static final int STDERR_LINES = 20;
    /** Dispatches whose code version is remembered; a long-lived process forgets older ones (they are recomputed). */
    private static final int MAX_REMEMBERED_VERSIONS = 1000;
    /** The task's classpath in its work dir, for a successor that re-runs a task its JVM never started. */
    private static final String CLASSPATH_FILE = "classpath";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPoolRunner.class);

    private final String executorName;
    private final Path java;
    private final List<String> jvmOptions;
    private final Path workDir;
    private final int maxWorkers;
    private final int concurrency;
    private final int idleSeconds;
    private SocketWorkServer server;
    private final ScheduledExecutorService timer;
    private final Map<String, PoolTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final List<WorkerJvm> workers = new ArrayList<>();
    private final Deque<PoolTask> pending = new ArrayDeque<>();
    /** Closed: no new JVMs; the server stays open only until JVMs started before the close have their electrons. */
    private boolean closing;

    WorkerPoolRunner(String executorName, Path java, List<String> jvmOptions, Path workDir, int maxWorkers, int concurrency,
            int idleSeconds) {
        this.executorName = executorName;
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.workDir = workDir;
        this.maxWorkers = maxWorkers;
        this.concurrency = concurrency;
        this.idleSeconds = idleSeconds;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ecs-lattice-" + executorName + "-pool");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        try {
            Path dir = workDir.resolve(Keys.segment(spec.dispatchId())).resolve(Keys.segment(spec.nodeId()) + "-" + spec.attempt());
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("result.json"));
            TaskSpec withResult = new TaskSpec(spec.wireVersion(), spec.dispatchId(), spec.nodeId(), spec.attempt(),
                    spec.className(), spec.methodName(), spec.parameterTypes(), spec.arguments(),
                    dir.resolve("result.json").toUri().toString());
            Files.deleteIfExists(dir.resolve(SocketWorkSource.STARTED_MARKER));
            Files.write(dir.resolve("spec.json"), Wire.mapper().writeValueAsBytes(withResult));
            String classpath = context.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
            // A successor of this process re-runs the task from these if its JVM never started it.
            Files.writeString(dir.resolve(CLASSPATH_FILE), classpath);
            PoolTask task = new PoolTask("pool-" + UUID.randomUUID(), withResult, version(withResult, classpath), classpath, dir);
            tasks.put(task.id, task);
            Map<String, String> details = new HashMap<>();
            details.put("mode", "pool");
            details.put("workDir", dir.toString());
            details.put("codeVersion", task.version);
            synchronized (this) {
                pending.add(task);
                assign();
                if (task.worker != null) {
                    details.putAll(workerDetails(task.worker));
                }
            }
            return CompletableFuture.completedFuture(new TaskHandle(executorName, task.id, details));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("cannot hand node " + spec.nodeId()
                    + " to the local pool (" + java + "): " + e.getMessage(), e));
        }
    }

    /** The code version of a dispatch's classpath, once per dispatch: walking class directories per electron costs too much. */
    private String version(TaskSpec spec, String classpath) {
        if (versions.size() > MAX_REMEMBERED_VERSIONS) {
            versions.clear();
        }
        return versions.computeIfAbsent(spec.dispatchId() + "\n" + classpath, key -> CodeVersion.of(java, jvmOptions,
                classpath.isEmpty() ? List.of() : Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList()));
    }

    private static Map<String, String> workerDetails(WorkerJvm worker) {
        Map<String, String> details = new HashMap<>();
        details.put("pid", Long.toString(worker.process.pid()));
        details.put("workerId", worker.id);
        details.put("workerDir", worker.dir.toString());
        LocalProcesses.recordStart(worker.process.toHandle(), details);
        return details;
    }

    /** Gives pending tasks to JVMs of their version with a free slot, starting JVMs while there is room. */
    private synchronized void assign() {
        if (closing) {
            return;
        }
        for (var it = pending.iterator(); it.hasNext(); ) {
            PoolTask task = it.next();
            WorkerJvm worker = workers.stream()
                    .filter(w -> w.version.equals(task.version) && !w.retiring && w.load() < concurrency)
                    .min(Comparator.comparingInt(WorkerJvm::load)).orElse(null);
            if (worker == null) {
                try {
                    worker = startWorker(task);
                } catch (IOException e) {
                    it.remove();
                    fail(task, "WorkerJvmNotStarted", "cannot start a child JVM (" + java + "): " + e.getMessage(), Map.of());
                    continue;
                }
            }
            if (worker == null) {
                continue;
            }
            it.remove();
            try {
                worker.give(task);
            } catch (IOException e) {
                // The JVM is going away: the task was never started, so it is given again when the JVM is gone.
                LOG.debug("pool JVM {} did not take {}: {}", worker.id, task.id, e.toString());
                worker.retire();
            }
        }
    }

    private WorkerJvm startWorker(PoolTask task) throws IOException {
        if (live() >= maxWorkers) {
            workers.stream().filter(w -> !w.retiring && w.load() == 0 && !w.version.equals(task.version))
                    .findFirst().ifPresent(WorkerJvm::retire);
        }
        if (live() >= maxWorkers) {
            return null;
        }
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = workDir.resolve(".workers").resolve(id);
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(task.classpath);
        command.add(TaskRunner.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        Map<String, String> env = builder.environment();
        List.of(Wire.ENV_SPEC, Wire.ENV_SPEC_URI, Wire.ENV_SPEC_WAIT_MS, Wire.ENV_SPEC_PARENT_PID).forEach(env::remove);
        env.put(WorkerMain.ENV_WORK_SOURCE, server().uri().toString());
        env.put(WorkerMain.ENV_WORKER_ID, id);
        env.put(WorkerMain.ENV_WORKER_CONCURRENCY, Integer.toString(concurrency));
        env.put(WorkerMain.ENV_POOL_IDLE_SECONDS, Integer.toString(idleSeconds));
        env.put(WorkerMain.ENV_CODE_VERSION, task.version);
        WorkerJvm worker = new WorkerJvm(id, task.version, builder.start(), dir);
        workers.add(worker);
        worker.process.onExit().thenRun(() -> exited(worker));
        return worker;
    }

    /** Listens for pool JVMs from the first one on: a process that only reads or cancels opens no port. */
    private synchronized SocketWorkServer server() throws IOException {
        if (server == null) {
            server = new SocketWorkServer(this);
        }
        return server;
    }

    /** JVMs that count against {@code max_in_flight}: all but retiring ones with nothing left to run. */
    private long live() {
        return workers.stream().filter(w -> !(w.retiring && w.load() == 0)).count();
    }

    @Override
    public synchronized void connected(SocketWorkServer.Connection connection) {
        WorkerJvm worker = worker(connection);
        if (worker == null) {
            connection.close();
            return;
        }
        try {
            worker.connect(connection);
        } catch (IOException e) {
            worker.retire();
        }
        if (closing) {
            // It has its electrons now: it runs them, writes their results for a takeover, and exits.
            worker.retire();
            closeServerOnceHandedOver();
        }
    }

    @Override
    public synchronized void started(SocketWorkServer.Connection connection, String id) {
        PoolTask task = tasks.get(id);
        if (task != null) {
            task.started = true;
        }
    }

    @Override
    public void acknowledged(SocketWorkServer.Connection connection, String id) {
        PoolTask task = tasks.get(id);
        if (task == null) {
            return;
        }
        Map<String, String> details;
        synchronized (this) {
            WorkerJvm worker = task.worker;
            worker.tasks.remove(task);
            worker.electronsRun++;
            details = new HashMap<>(workerDetails(worker));
            details.put("workerElectrons", Integer.toString(worker.electronsRun));
            assign();
        }
        if (task.infrastructureRetry != null) {
            details.put("infrastructureRetry", task.infrastructureRetry);
        }
        Path resultFile = task.dir.resolve("result.json");
        try {
            task.outcome.complete(new TaskOutcome(Wire.mapper().readValue(resultFile.toFile(), TaskResult.class), details));
        } catch (IOException e) {
            fail(task, "UnreadableResult", "result file " + resultFile + " of pool JVM pid " + details.get("pid")
                    + " cannot be read: " + e.getMessage(), details);
        }
    }

    @Override
    public synchronized void released(SocketWorkServer.Connection connection, String id) {
        PoolTask task = tasks.get(id);
        if (task == null || task.worker == null) {
            return;
        }
        task.worker.tasks.remove(task);
        task.started = false;
        if (task.cancelled) {
            cancelled(task);
            return;
        }
        // A worker hands work back only when it is on its way out (idle exit): it is only sent electrons of its version.
        task.worker.retiring = true;
        task.worker = null;
        pending.addFirst(task);
        assign();
    }

    @Override
    public synchronized void disconnected(SocketWorkServer.Connection connection) {
        WorkerJvm worker = worker(connection);
        if (worker != null) {
            worker.retiring = true;
            worker.disconnected = true;
            bury(worker);
        }
    }

    private synchronized void exited(WorkerJvm worker) {
        worker.exitCode = worker.process.exitValue();
        worker.retiring = true;
        bury(worker);
        closeServerOnceHandedOver();
    }

    /** Once a JVM is gone: what it never started runs elsewhere, what it ran runs once more or fails. */
    private void bury(WorkerJvm worker) {
        if (!worker.gone() || !workers.remove(worker)) {
            return;
        }
        String stderr = String.join("\n", LocalProcesses.tail(worker.dir.resolve("stderr.log"), STDERR_LINES));
        String death = "pool JVM pid " + worker.process.pid() + " exited with code " + worker.exitCode;
        for (PoolTask task : List.copyOf(worker.tasks)) {
            worker.tasks.remove(task);
            task.worker = null;
            if (task.cancelled) {
                cancelled(task);
            } else if (!task.started) {
                pending.addFirst(task);
            } else if (task.infrastructureRetry == null) {
                LOG.warn("{} while running node {} of dispatch {}; running it once more on a fresh JVM",
                        death, task.spec.nodeId(), task.spec.dispatchId());
                task.infrastructureRetry = death + " while running it; re-run once on a fresh JVM";
                task.started = false;
                pending.addFirst(task);
            } else {
                Map<String, String> details = new HashMap<>(workerDetails(worker));
                details.put("exitCode", Integer.toString(worker.exitCode));
                details.put("infrastructureRetry", task.infrastructureRetry);
                fail(task, "WorkerJvmExited", death + " while running this electron, without writing a result; it had"
                        + " already run once on a JVM that died (" + task.infrastructureRetry + ")"
                        + (stderr.isBlank() ? "" : "; its stderr ends with:\n" + stderr), details);
            }
        }
        assign();
    }

    private WorkerJvm worker(SocketWorkServer.Connection connection) {
        return workers.stream().filter(w -> w.id.equals(connection.workerId())).findFirst().orElse(null);
    }

    private void cancelled(PoolTask task) {
        fail(task, "Cancelled", "cancelled before it finished on the local pool", Map.of());
    }

    private void fail(PoolTask task, String type, String message, Map<String, String> details) {
        Instant now = Instant.now();
        task.outcome.complete(new TaskOutcome(new TaskResult(Wire.VERSION, task.spec.dispatchId(), task.spec.nodeId(), null,
                new TaskError(type, message, ""), "", "", now, now), details));
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        PoolTask task = tasks.get(handle.ref());
        if (task != null) {
            // Forget the task once its awaiter has it; until then it must stay findable.
            return task.outcome.whenComplete((o, e) -> tasks.remove(handle.ref()));
        }
        CompletableFuture<TaskOutcome> done = new CompletableFuture<>();
        timer.execute(() -> pollForeign(handle, done));
        return done;
    }

    /**
     * A task of a pool of another (maybe dead) process: poll until its result is written or its JVM is gone.
     * A JVM that died before it began the electron (still starting, or never sent it, when its process was
     * killed) left no {@link SocketWorkSource#STARTED_MARKER}: the electron never ran, so it runs here.
     */
    private void pollForeign(TaskHandle handle, CompletableFuture<TaskOutcome> done) {
        Path dir = Path.of(handle.details().get("workDir"));
        Path resultFile = dir.resolve("result.json");
        String pid = handle.details().get("pid");
        Optional<ProcessHandle> process = pid == null ? Optional.empty() : LocalProcesses.sameProcess(handle, pid);
        try {
            // Whether the JVM is gone is read before the result, so a result written just before it exited is seen.
            boolean gone = process.isEmpty() || !process.get().isAlive() || LocalProcesses.zombie(process.get().pid());
            if (Files.exists(resultFile)) {
                done.complete(new TaskOutcome(Wire.mapper().readValue(resultFile.toFile(), TaskResult.class), Map.of()));
            } else if (gone && !Files.exists(dir.resolve(SocketWorkSource.STARTED_MARKER)) && Files.exists(dir.resolve(CLASSPATH_FILE))) {
                String why = "pool JVM" + (pid == null ? "" : " pid " + pid) + " of a process that is gone never started"
                        + " it; run again here";
                LOG.warn("pool task {}: {}", handle.ref(), why);
                rerun(handle, dir).outcome.whenComplete((outcome, error) -> {
                    tasks.remove(handle.ref());
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        Map<String, String> details = new HashMap<>(outcome.details());
                        details.put("takeoverRerun", why);
                        done.complete(new TaskOutcome(outcome.result(), details));
                    }
                });
            } else if (gone) {
                Instant now = Instant.now();
                done.complete(new TaskOutcome(new TaskResult(Wire.VERSION, "unknown", handle.ref(), null,
                        new TaskError("LostTask", "pool task " + handle.ref() + " was given to a pool JVM"
                                + (pid == null ? "" : " (pid " + pid + ")") + " of a process that is gone, and no result"
                                + " was written to " + resultFile, ""), "", "", now, now), Map.of()));
            } else {
                timer.schedule(() -> pollForeign(handle, done), POLL_MS, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            done.completeExceptionally(e);
        }
    }

    /** Runs a dead process's task that its JVM never started on this pool, under the same handle and work dir. */
    private PoolTask rerun(TaskHandle handle, Path dir) throws IOException {
        TaskSpec spec = Wire.mapper().readValue(dir.resolve("spec.json").toFile(), TaskSpec.class);
        String classpath = Files.readString(dir.resolve(CLASSPATH_FILE));
        PoolTask task = new PoolTask(handle.ref(), spec, version(spec, classpath), classpath, dir);
        tasks.put(task.id, task);
        synchronized (this) {
            pending.add(task);
            assign();
        }
        return task;
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        PoolTask task = tasks.get(handle.ref());
        if (task == null) {
            // Another process's pool JVM: without its owner it would only finish its electrons and exit.
            Optional.ofNullable(handle.details().get("pid")).flatMap(pid -> LocalProcesses.sameProcess(handle, pid))
                    .ifPresent(ProcessHandle::destroy);
            return CompletableFuture.completedFuture(null);
        }
        synchronized (this) {
            task.cancelled = true;
            WorkerJvm worker = task.worker;
            if (pending.remove(task) || (worker != null && worker.takeBackUnsent(task))) {
                cancelled(task);
            } else if (worker != null) {
                try {
                    worker.cancel(task);
                } catch (IOException e) {
                    worker.process.destroyForcibly();
                }
                timer.schedule(() -> stopIfStillRunning(task, worker), CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** An electron that ignores its interrupt takes its JVM with it; the pool starts a new one when needed. */
    private synchronized void stopIfStillRunning(PoolTask task, WorkerJvm worker) {
        if (!task.outcome.isDone() && worker.tasks.contains(task)) {
            LOG.warn("node {} of dispatch {} did not stop within {} of its interrupt; killing its pool JVM pid {}",
                    task.spec.nodeId(), task.spec.dispatchId(), CANCEL_GRACE, worker.process.pid());
            worker.retiring = true;
            worker.process.destroyForcibly();
        }
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        Path resultFile = Path.of(handle.details().get("workDir")).resolve("result.json");
        List<String> lines = new ArrayList<>();
        try {
            if (Files.exists(resultFile)) {
                TaskResult result = Wire.mapper().readValue(resultFile.toFile(), TaskResult.class);
                lines.addAll(result.stdout().lines().toList());
                lines.addAll(result.stderr().lines().toList());
            } else if (handle.details().containsKey("workerDir")) {
                // Still running: the JVM's own log holds what it printed so far (with its other electrons' lines).
                Path dir = Path.of(handle.details().get("workerDir"));
                lines.addAll(LocalProcesses.tail(dir.resolve("stdout.log"), maxLines));
                lines.addAll(LocalProcesses.tail(dir.resolve("stderr.log"), maxLines));
            }
        } catch (IOException e) {
            lines.add("cannot read " + resultFile + ": " + e.getMessage());
        }
        return lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            // Idle JVMs exit at once; busy ones finish their electrons (writing results a takeover can read), then exit.
            // One still starting was already named in a handle: killing it would lose its electrons, so it is
            // retired once it has connected and been sent them.
            workers.stream().filter(w -> w.connected() || w.load() == 0).forEach(WorkerJvm::retire);
            closeServerOnceHandedOver();
        }
        timer.shutdownNow();
    }

    /** After close: stops listening once no JVM started before it still waits to be sent its electrons. */
    private synchronized void closeServerOnceHandedOver() {
        if (closing && server != null && workers.stream().noneMatch(w -> !w.connected() && w.load() > 0 && w.exitCode == null)) {
            server.close();
        }
    }
}
