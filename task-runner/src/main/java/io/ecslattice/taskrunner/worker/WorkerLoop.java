package io.ecslattice.taskrunner.worker;

import io.ecslattice.taskrunner.ElectronInvoker;
import io.ecslattice.taskrunner.StagedInvoker;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker mode of the task runner: takes items from a {@link WorkSource}, runs each electron through the
 * {@link ElectronInvoker} with its files staged as a one-shot task stages them ({@link StagedInvoker}: file
 * arguments downloaded into a directory of the electron's own, returned files uploaded beside its result),
 * each on its own thread, so its output is captured apart from the others',
 * writes its result to the {@link ResultSink}, acknowledges it, and returns after {@link Options#idleExit()}
 * without work. An electron that throws fails alone (its error is its result). One that kills the JVM
 * leaves its item unacknowledged, so the source delivers it again; a shutdown hook names the electrons
 * that were running, on stderr, for whoever reads the dead JVM's last lines.
 */
public final class WorkerLoop {

    /** Why {@link #run()} returned. */
    public enum Exit {
        /** No work for {@link Options#idleExit()}. */
        IDLE,
        /** The source will never deliver again. */
        SOURCE_CLOSED,
        /** The thread running the loop was interrupted. */
        INTERRUPTED
    }

    /**
     * How a worker runs.
     *
     * @param concurrency electrons at once ({@code worker_concurrency}), 1 or more
     * @param idleExit    how long without work before the loop returns ({@code pool_idle_seconds})
     * @param receiveWait the longest single wait on the source (an SQS long poll is at most 20 s)
     * @param codeVersion this worker's code version; items naming another are handed back unrun. Null accepts all
     * @param cancelGrace how long a cancelled (or timed-out) electron may go on ignoring its interrupt before the worker
     *                    stops for good ({@link WorkerLoop#WorkerLoop(WorkSource, ResultSink, ElectronInvoker, Options,
     *                    Clock, PrintStream, Runnable) stuck}): Java cannot stop a thread, only its JVM
     */
    public record Options(int concurrency, Duration idleExit, Duration receiveWait, String codeVersion, Duration cancelGrace) {
        /** The grace a worker gives a cancelled electron unless told otherwise. */
        public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(30);

        /** Options with the {@link #DEFAULT_CANCEL_GRACE}. */
        public Options(int concurrency, Duration idleExit, Duration receiveWait, String codeVersion) {
            this(concurrency, idleExit, receiveWait, codeVersion, DEFAULT_CANCEL_GRACE);
        }

        public Options {
            Objects.requireNonNull(cancelGrace, "cancelGrace");
            if (concurrency < 1) {
                throw new IllegalArgumentException("worker_concurrency=" + concurrency + " must be 1 or more");
            }
            Objects.requireNonNull(idleExit, "idleExit");
            Objects.requireNonNull(receiveWait, "receiveWait");
            if (idleExit.isNegative()) {
                throw new IllegalArgumentException("pool_idle_seconds=" + idleExit.toSeconds() + " must be 0 or more");
            }
            if (receiveWait.isNegative() || receiveWait.isZero()) {
                throw new IllegalArgumentException("receiveWait=" + receiveWait + " must be positive");
            }
        }
    }

    /**
     * Exit code of a worker that ended its JVM because a cancelled electron ignored its interrupt: an electron that never
     * checks for interrupts would otherwise run, and bill, until the worker's task is stopped by hand.
     */
    public static final int EXIT_STUCK = 4;

    /** The pause after a receive that brought only other code versions' items. */
    private static final Duration OTHERS_PAUSE = Duration.ofSeconds(1);

    /** The poller's period after a failed receive, so a broken source is not hammered. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final WorkSource source;
    private final ResultSink sink;
    private final StagedInvoker invoker;
    private final Options options;
    private final Clock clock;
    private final PrintStream log;
    private final Set<WorkItem> running = ConcurrentHashMap.newKeySet();
    /** Code versions whose items this worker handed back, each said once in the log. */
    private final Set<String> otherVersions = ConcurrentHashMap.newKeySet();
    private final Semaphore free;
    private final Runnable stuck;
    private volatile Instant idleSince;

    /**
     * A loop over {@code source}; {@code log} gets one line per electron and what went wrong, never electron output. An
     * electron still running {@link Options#cancelGrace()} after its cancel ends this JVM ({@link #EXIT_STUCK}).
     */
    public WorkerLoop(WorkSource source, ResultSink sink, ElectronInvoker invoker, Options options, Clock clock, PrintStream log) {
        this(source, sink, invoker, options, clock, log, () -> System.exit(EXIT_STUCK));
    }

    /**
     * As the other constructor; {@code stuck} runs when a cancelled electron outlived {@link Options#cancelGrace()}
     * (after its item was acknowledged): it must stop the electron for real, which in Java means ending the JVM.
     */
    public WorkerLoop(WorkSource source, ResultSink sink, ElectronInvoker invoker, Options options, Clock clock, PrintStream log,
                      Runnable stuck) {
        this.stuck = stuck;
        this.source = source;
        this.sink = sink;
        this.invoker = new StagedInvoker(invoker, log);
        this.options = options;
        this.clock = clock;
        this.log = log;
        this.free = new Semaphore(options.concurrency());
    }

    /** Runs until idle, closed or interrupted; waits for running electrons before it returns. */
    public Exit run() {
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread thread = new Thread(r, "ecs-lattice-worker-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // A thread per electron slot: one keep-alive slowed by retries must not let the others' visibility run out
        // (their electrons would be delivered again and run twice).
        ScheduledExecutorService keepAlive = Executors.newScheduledThreadPool(options.concurrency(), r -> {
            Thread thread = new Thread(r, "ecs-lattice-worker-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        Thread dyingWords = new Thread(this::reportRunning, "ecs-lattice-worker-exit-report");
        Runtime.getRuntime().addShutdownHook(dyingWords);
        idleSince = clock.instant();
        Exit exit = Exit.INTERRUPTED;
        try {
            exit = loop(threads, keepAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdown();
            if (exit == Exit.INTERRUPTED) {
                threads.shutdownNow();
            }
            awaitQuietly(threads);
            keepAlive.shutdownNow();
            removeHook(dyingWords);
            source.close();
        }
        return exit;
    }

    private Exit loop(ExecutorService threads, ScheduledExecutorService keepAlive) throws InterruptedException {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                return Exit.INTERRUPTED;
            }
            int slots = free.availablePermits();
            if (slots == 0) {
                // All threads busy: wait until one finishes rather than take work nobody can start.
                free.acquire();
                free.release();
                continue;
            }
            Duration wait = options.receiveWait();
            if (running.isEmpty()) {
                Duration left = options.idleExit().minus(Duration.between(idleSince, clock.instant()));
                if (left.isNegative() || left.isZero()) {
                    return Exit.IDLE;
                }
                wait = left.compareTo(wait) < 0 ? left : wait;
            }
            List<WorkItem> items;
            try {
                items = source.receive(slots, wait);
            } catch (ClosedWorkSourceException e) {
                log.println("ecs-lattice worker: " + e.getMessage() + "; stopping");
                return Exit.SOURCE_CLOSED;
            } catch (IOException | RuntimeException e) {
                // Counts as a wait without work, so a source that keeps failing ends in an idle exit.
                log.println("ecs-lattice worker: receive failed, trying again: " + e);
                Thread.sleep(Math.min(RETRY_PAUSE.toMillis(), options.receiveWait().toMillis()));
                continue;
            }
            // Another code version's items go back unrun, and the worker goes on with its own: two versions live on one
            // queue (two clients, or new code while an old dispatch runs) would otherwise make each version's workers
            // exit at the other's items and be started again, a RunTask and a billed minute each, for as long as both
            // have work. A worker whose version has no work left exits when idle, as any other.
            boolean onlyOthers = !items.isEmpty();
            for (WorkItem item : items) {
                if (!runsHere(item)) {
                    if (otherVersions.add(item.codeVersion())) {
                        log.println("ecs-lattice worker: " + describe(item.spec()) + " needs code version "
                                + item.codeVersion() + " but this worker runs " + options.codeVersion()
                                + "; handing such electrons back for a worker of theirs");
                    }
                    handBackQuietly(item);
                    continue;
                }
                onlyOthers = false;
                free.acquire();
                start(item, threads, keepAlive);
            }
            if (onlyOthers) {
                // What was handed back is visible again at once: do not take it straight back in a busy loop.
                Thread.sleep(Math.min(OTHERS_PAUSE.toMillis(), options.receiveWait().toMillis()));
            }
        }
    }

    private boolean runsHere(WorkItem item) {
        return item.codeVersion() == null || options.codeVersion() == null || item.codeVersion().equals(options.codeVersion());
    }

    private void start(WorkItem item, ExecutorService threads, ScheduledExecutorService keepAlive) {
        long every = source.keepAliveInterval().toMillis();
        running.add(item);
        ScheduledFuture<?> alive = keepAlive.scheduleAtFixedRate(() -> {
            try {
                item.keepAlive();
            } catch (IOException | RuntimeException e) {
                log.println("ecs-lattice worker: cannot extend " + describe(item.spec()) + ": " + e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        threads.execute(() -> {
            try {
                runOne(item);
            } finally {
                alive.cancel(false);
                running.remove(item);
                if (running.isEmpty()) {
                    idleSince = clock.instant();
                }
                free.release();
            }
        });
    }

    private void runOne(WorkItem item) {
        TaskSpec spec = item.spec();
        Object cancelGuard = new Object();
        boolean[] active = {true};
        Thread self = Thread.currentThread();
        item.onCancel(() -> {
            synchronized (cancelGuard) {
                // Only while this electron runs: the thread goes on to run other electrons.
                if (active[0]) {
                    self.interrupt();
                    CompletableFuture.delayedExecutor(options.cancelGrace().toMillis(), TimeUnit.MILLISECONDS)
                            .execute(() -> stopIfStillRunning(item, cancelGuard, active));
                }
            }
        });
        log.println("ecs-lattice worker: running " + describe(spec));
        TaskResult result;
        try {
            result = invoker.invoke(spec);
        } catch (RuntimeException | Error e) {
            // Not the electron's error (the invoker reports those) but the worker's: let another worker try.
            synchronized (cancelGuard) {
                active[0] = false;
            }
            Thread.interrupted();
            log.println("ecs-lattice worker: " + describe(spec) + " broke the worker (" + e + "); handing it back");
            releaseQuietly(item, "it broke the worker: " + e);
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        synchronized (cancelGuard) {
            active[0] = false;
        }
        Thread.interrupted();
        try {
            sink.write(spec, result);
            item.ack();
        } catch (IOException | RuntimeException e) {
            log.println("ecs-lattice worker: cannot store the result of " + describe(spec) + " (" + e + "); handing it back");
            releaseQuietly(item, "its result could not be stored: " + e);
        }
    }

    /**
     * The cancelled electron ignored its interrupt for the whole grace: its node already ended (cancelled or timed out at
     * the client), so its item is acknowledged, and the worker stops, since no Java call stops a thread that never looks
     * at its interrupt. The executor starts another worker if work waits; electrons running beside it on this worker
     * are delivered again (at least once).
     */
    private void stopIfStillRunning(WorkItem item, Object cancelGuard, boolean[] active) {
        synchronized (cancelGuard) {
            if (!active[0]) {
                return;
            }
        }
        log.println("ecs-lattice worker: " + describe(item.spec()) + " still runs " + options.cancelGrace().toMillis()
                + " ms after its cancel, ignoring the interrupt; acknowledging it and stopping this worker (exit "
                + EXIT_STUCK + ") so it runs and bills no longer");
        try {
            item.ack();
        } catch (IOException | RuntimeException e) {
            log.println("ecs-lattice worker: cannot acknowledge " + describe(item.spec()) + ": " + e
                    + "; its cancel marker makes the next worker skip it");
        }
        log.flush();
        stuck.run();
    }

    private void handBackQuietly(WorkItem item) {
        try {
            item.handBack();
        } catch (IOException | RuntimeException e) {
            log.println("ecs-lattice worker: cannot hand back " + describe(item.spec()) + ": " + e
                    + "; the source delivers it again when its visibility ends");
        }
    }

    private void releaseQuietly(WorkItem item, String reason) {
        try {
            item.release(reason);
        } catch (IOException | RuntimeException e) {
            log.println("ecs-lattice worker: cannot hand back " + describe(item.spec()) + ": " + e
                    + "; the source delivers it again when its visibility ends");
        }
    }

    /** Runs in the shutdown hook: whatever still runs now dies with the JVM. */
    private void reportRunning() {
        for (WorkItem item : running) {
            log.println("ecs-lattice worker: the JVM is exiting while " + describe(item.spec())
                    + " runs; it is left unacknowledged for the source to deliver again");
        }
        log.flush();
    }

    private static String describe(TaskSpec spec) {
        return "electron " + spec.className() + "." + spec.methodName() + " (dispatch " + spec.dispatchId()
                + ", node " + spec.nodeId() + ", attempt " + spec.attempt() + ")";
    }

    private static void awaitQuietly(ExecutorService threads) {
        boolean interrupted = false;
        while (true) {
            try {
                // Electrons have no time limit here; the executor that owns the worker enforces timeouts.
                if (threads.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                threads.shutdownNow();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook reports what runs.
        }
    }
}
