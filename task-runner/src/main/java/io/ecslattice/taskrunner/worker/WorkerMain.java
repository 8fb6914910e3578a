package io.ecslattice.taskrunner.worker;

import io.ecslattice.taskrunner.ElectronInvoker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Worker mode of the task runner, chosen by {@link #ENV_WORK_SOURCE}: builds the {@link WorkerLoop}
 * from the environment and runs it until it exits. Exit codes: 0 idle or closed source, 2 bad settings, 3 interrupted, 4 a cancelled electron ignored its interrupt
 * ({@link WorkerLoop#EXIT_STUCK}).
 */
public final class WorkerMain {

    /** URI of the work source, e.g. {@code tcp://127.0.0.1:40123} (local pool); set means worker mode. */
    public static final String ENV_WORK_SOURCE = "ECS_LATTICE_WORK_SOURCE";
    /** The id the executor gave this worker, echoed in its hello. */
    public static final String ENV_WORKER_ID = "ECS_LATTICE_WORKER_ID";
    /** Electrons at once ({@code worker_concurrency}); default 1. */
    public static final String ENV_WORKER_CONCURRENCY = "ECS_LATTICE_WORKER_CONCURRENCY";
    /** Seconds without work before the worker exits ({@code pool_idle_seconds}); default 60. */
    public static final String ENV_POOL_IDLE_SECONDS = "ECS_LATTICE_POOL_IDLE_SECONDS";
    /** This worker's code version (image digest; locally a hash of classpath and JVM options); unset accepts any item. */
    public static final String ENV_CODE_VERSION = "ECS_LATTICE_CODE_VERSION";

    /** Exit code of a worker whose settings are unusable. */
    public static final int EXIT_BAD_SETTINGS = 2;
    /** Exit code of a worker whose loop was interrupted. */
    public static final int EXIT_INTERRUPTED = 3;

    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(20);

    private WorkerMain() {
    }

    /** True when {@code env} asks for worker mode. */
    public static boolean wanted(Map<String, String> env) {
        String source = env.get(ENV_WORK_SOURCE);
        return source != null && !source.isBlank();
    }

    /** Runs the worker {@code env} describes and returns the process exit code. */
    public static int run(Map<String, String> env) {
        PrintStream log = System.err;
        WorkerLoop.Options options;
        WorkSource source;
        try {
            options = new WorkerLoop.Options(intOf(env, ENV_WORKER_CONCURRENCY, 1),
                    Duration.ofSeconds(intOf(env, ENV_POOL_IDLE_SECONDS, 60)), RECEIVE_WAIT, env.get(ENV_CODE_VERSION));
            source = open(URI.create(env.get(ENV_WORK_SOURCE).trim()), env);
        } catch (IOException | RuntimeException e) {
            log.println("ecs-lattice worker: cannot start: " + e.getMessage());
            return EXIT_BAD_SETTINGS;
        }
        ElectronInvoker invoker = new ElectronInvoker(Thread.currentThread().getContextClassLoader());
        WorkerLoop.Exit exit = new WorkerLoop(source, source.resultSink(), invoker, options, Clock.systemUTC(), log).run();
        log.println("ecs-lattice worker: exiting (" + exit + ")");
        return exit == WorkerLoop.Exit.INTERRUPTED ? EXIT_INTERRUPTED : 0;
    }

    private static WorkSource open(URI uri, Map<String, String> env) throws IOException {
        Map<String, WorkSourceProvider> known = new TreeMap<>();
        for (WorkSourceProvider provider : ServiceLoader.load(WorkSourceProvider.class, WorkerMain.class.getClassLoader())) {
            known.put(provider.scheme(), provider);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (scheme.equals("tcp")) {
            if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 1) {
                throw new IllegalArgumentException(ENV_WORK_SOURCE + "=" + uri + ": a tcp work source must be tcp://127.0.0.1:<port>");
            }
            return new SocketWorkSource(new InetSocketAddress(uri.getHost(), uri.getPort()),
                    env.getOrDefault(ENV_WORKER_ID, "worker-" + ProcessHandle.current().pid()), System.err);
        }
        WorkSourceProvider provider = known.get(scheme);
        if (provider == null) {
            throw new IllegalArgumentException(ENV_WORK_SOURCE + "=" + uri + " has scheme '" + scheme
                    + "'; known schemes: tcp" + (known.isEmpty() ? "" : ", " + String.join(", ", known.keySet())));
        }
        return provider.open(uri, env);
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number");
        }
    }
}
