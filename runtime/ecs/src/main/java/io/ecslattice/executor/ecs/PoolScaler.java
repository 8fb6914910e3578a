package io.ecslattice.executor.ecs;

import io.ecslattice.taskrunner.worker.SqsWorkSource;
import io.ecslattice.taskrunner.worker.WorkerMain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * Starts the workers of one pool shape and code version as this client's backlog grows, up to
 * {@code pool_max_workers} (fewer when the account's Fargate vCPU quota allows fewer), ten a RunTask call, through the executor's rate limiter; the SDK retries
 * throttling. It counts the workers ECS runs for them (ListTasks by startedBy, so other clients' workers
 * count too) only when the backlog needs more workers than it knows of, or when what it knows is older
 * than {@link #staleAfter}: workers stop themselves when idle, and nothing here stops them, so a count
 * that old may include workers that have exited.
 */
final class PoolScaler {
    private static final Logger LOG = LoggerFactory.getLogger(PoolScaler.class);

    private final EcsTasks ecs;
    private final RunTaskLimiter limiter;
    private final EcsSettings.Pool pool;
    private final String taskDefinitionArn;
    private final String startedBy;
    private final Map<String, String> environment;
    private final AtomicInteger backlog = new AtomicInteger();
    private final Clock clock;
    private final Duration staleAfter;
    private final int maxWorkers;
    private final boolean spot;
    private final Backoff backoff;
    private final FargateVcpuQuota.Notice quotaNotice;
    private int known;
    private Instant knownAt = Instant.MIN;
    /** Until when a Fargate vCPU quota refusal holds new workers back: tasks must stop before vCPUs come back. */
    private Instant quotaWaitUntil = Instant.MIN;

    /**
     * @param maxWorkers {@code pool_max_workers}, capped by what the account's Fargate vCPU quota lets run when known
     * @param spot       whether the workers run on Fargate Spot (which vCPU quota they count against)
     */
    PoolScaler(EcsTasks ecs, RunTaskLimiter limiter, EcsSettings.Pool pool, String taskDefinitionArn, String startedBy,
               String workQueueUrl, String deadLetterQueueUrl, String codeVersion, Clock clock, int maxWorkers, boolean spot,
               Backoff backoff, FargateVcpuQuota.Notice quotaNotice) {
        this.ecs = ecs;
        this.maxWorkers = maxWorkers;
        this.spot = spot;
        this.backoff = backoff;
        this.quotaNotice = quotaNotice;
        this.clock = clock;
        this.staleAfter = staleAfter(pool.idle());
        this.limiter = limiter;
        this.pool = pool;
        this.taskDefinitionArn = taskDefinitionArn;
        this.startedBy = startedBy;
        Map<String, String> env = new LinkedHashMap<>();
        env.put(WorkerMain.ENV_WORK_SOURCE, SqsWorkSource.SCHEME + ":" + workQueueUrl);
        env.put(SqsWorkSource.ENV_DEAD_LETTER_QUEUE_URL, deadLetterQueueUrl);
        env.put(WorkerMain.ENV_CODE_VERSION, codeVersion);
        env.put(WorkerMain.ENV_POOL_IDLE_SECONDS, String.valueOf(pool.idle().toSeconds()));
        env.put(WorkerMain.ENV_WORKER_CONCURRENCY, String.valueOf(pool.concurrency()));
        env.put(SqsWorkSource.ENV_VISIBILITY_SECONDS, String.valueOf(pool.visibility().toSeconds()));
        env.put(SqsWorkSource.ENV_MAX_ATTEMPTS, String.valueOf(pool.maxAttempts()));
        this.environment = Map.copyOf(env);
    }

    /** One more electron waits for a worker. */
    void added() {
        backlog.incrementAndGet();
    }

    /** An electron completed (or was given up). */
    void removed() {
        backlog.decrementAndGet();
    }

    /** Electrons sent and not yet completed. */
    int backlog() {
        return Math.max(0, backlog.get());
    }

    /**
     * How long a count of workers is trusted: half the idle time after which a worker exits (at most 30 s,
     * at least 1 s), so a worker that idled out is noticed before the backlog waits on it for long.
     */
    static Duration staleAfter(Duration idle) {
        Duration half = idle.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                : half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
    }

    /**
     * Starts the workers the backlog needs. No AWS call while nothing waits (and no minimum is set), nor while
     * the workers it knows of (counted less than {@link #staleAfter} ago, or started since) are enough.
     * Called from one thread at a time.
     */
    void tick() {
        int waiting = Math.max(0, backlog.get());
        if (waiting == 0 && pool.minWorkers() == 0) {
            return;
        }
        int want = Math.min(maxWorkers, Math.max(pool.minWorkers(), (waiting + pool.concurrency() - 1) / pool.concurrency()));
        Instant now = clock.instant();
        if (now.isBefore(quotaWaitUntil)) {
            return;   // the workers that run go on with the backlog meanwhile
        }
        if (want > known || !now.isBefore(knownAt.plus(staleAfter))) {
            known = ecs.runningStartedBy(startedBy).size();
            knownAt = now;
        }
        int running = known;
        while (want > known) {
            int count = Math.min(10, want - known);
            sleep(limiter.reserve());
            RunTaskResponse response = ecs.runTasks(taskDefinitionArn, count, startedBy, UUID.randomUUID().toString(),
                    environment, Map.of("ecs-lattice:pool", startedBy), null);
            known += response.tasks().size();
            LOG.info("pool {}: {} electron(s) waiting, {} worker(s) running; started {}{}", startedBy, waiting, running,
                    response.tasks().size(), response.failures().isEmpty() ? "" : ", ECS said " + response.failures());
            if (FargateVcpuQuota.anyReached(response.failures())) {
                quotaNotice.once(LOG, spot);
                quotaWaitUntil = clock.instant().plus(backoff.quotaDelay());
                return;   // back-pressure: no RunTask until the wait is over, then the tick counts again
            }
            if (response.tasks().isEmpty()) {
                return;   // capacity: the next tick counts again and tries again
            }
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
