package io.ecslattice.executor.ecs;

import io.ecslattice.taskrunner.worker.SqsWorkSource;
import io.ecslattice.taskrunner.worker.WorkerMain;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * Starts the workers of one pool shape and code version as this client's backlog grows: each tick it
 * counts the workers ECS runs for them (ListTasks by startedBy, so other clients' workers count too) and
 * starts what is missing up to {@code pool_max_workers}, ten a RunTask call, through the executor's
 * rate limiter; the SDK retries throttling. Workers stop themselves when idle: nothing here stops them.
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
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    PoolScaler(EcsTasks ecs, RunTaskLimiter limiter, EcsSettings.Pool pool, String taskDefinitionArn, String startedBy,
               String workQueueUrl, String deadLetterQueueUrl, String codeVersion) {
        this.ecs = ecs;
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

    /** The worker tasks this client started, for the cost estimate. */
    Set<String> startedWorkers() {
        return Set.copyOf(started);
    }

    /** Starts the workers the backlog needs; no AWS call while nothing is waiting and no minimum is set. */
    void tick() {
        int waiting = Math.max(0, backlog.get());
        if (waiting == 0 && pool.minWorkers() == 0) {
            return;
        }
        int want = Math.min(pool.maxWorkers(), Math.max(pool.minWorkers(), (waiting + pool.concurrency() - 1) / pool.concurrency()));
        List<String> running = ecs.runningStartedBy(startedBy);
        int missing = want - running.size();
        while (missing > 0) {
            int count = Math.min(10, missing);
            sleep(limiter.reserve());
            RunTaskResponse response = ecs.runTasks(taskDefinitionArn, count, startedBy, UUID.randomUUID().toString(),
                    environment, Map.of("ecs-lattice:pool", startedBy));
            response.tasks().forEach(t -> started.add(t.taskArn()));
            LOG.info("pool {}: {} electron(s) waiting, {} worker(s) running; started {}{}", startedBy, waiting, running.size(),
                    response.tasks().size(), response.failures().isEmpty() ? "" : ", ECS said " + response.failures());
            if (response.tasks().isEmpty()) {
                return;   // capacity: the next tick tries again
            }
            missing -= response.tasks().size();
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
