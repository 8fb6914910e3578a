package io.ecslattice.executor.ecs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * Starts one task: waits for a rate-limiter slot, calls RunTask, and when ECS answers with capacity
 * failures instead of a task, tries again after a jittered backoff. Throttling and 5xx answers are
 * retried by the SDK with the same client token, so ECS starts the task at most once; a capacity
 * failure started nothing, so the next try may use a fresh token. A Fargate vCPU quota refusal is
 * back-pressure: it is tried again after a long wait ({@link Backoff#quotaDelay}) for as long as it lasts,
 * without using up the attempts, and said once per executor and once in the node's infrastructure retries.
 */
final class RunTaskCall {
    private static final Logger LOG = LoggerFactory.getLogger(RunTaskCall.class);
    private static final List<String> RETRYABLE = List.of("Capacity", "RESOURCE:", "AGENT", "Timeout", "capacity");

    private final EcsTasks ecs;
    private final RunTaskLimiter limiter;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final int maxAttempts;
    private final String taskDefinitionArn;
    private final String clientToken;
    private final Map<String, String> environment;
    private final Map<String, String> tags;
    private final Boolean spot;
    private final boolean onSpot;
    private final CompletableFuture<String> taskArn = new CompletableFuture<>();
    private final List<String> capacityRetries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FargateVcpuQuota.Notice quotaNotice;
    private final java.util.concurrent.atomic.AtomicInteger quotaWaits = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();

    RunTaskCall(EcsTasks ecs, RunTaskLimiter limiter, Backoff backoff, ScheduledExecutorService scheduler,
                ExecutorService workers, int maxAttempts, String taskDefinitionArn, String clientToken,
                Map<String, String> environment, Map<String, String> tags) {
        this(ecs, limiter, backoff, scheduler, workers, maxAttempts, taskDefinitionArn, clientToken, environment, tags, null,
                false, new FargateVcpuQuota.Notice());
    }

    /**
     * As the other constructor, on Fargate Spot ({@code spot} true), Fargate (false) or the executor's choice (null);
     * {@code onSpot} is what that choice comes to, naming the quota a refusal meets.
     */
    RunTaskCall(EcsTasks ecs, RunTaskLimiter limiter, Backoff backoff, ScheduledExecutorService scheduler,
                ExecutorService workers, int maxAttempts, String taskDefinitionArn, String clientToken,
                Map<String, String> environment, Map<String, String> tags, Boolean spot, boolean onSpot,
                FargateVcpuQuota.Notice quotaNotice) {
        this.spot = spot;
        this.onSpot = onSpot;
        this.quotaNotice = quotaNotice;
        this.ecs = ecs;
        this.limiter = limiter;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.workers = workers;
        this.maxAttempts = maxAttempts;
        this.taskDefinitionArn = taskDefinitionArn;
        this.clientToken = clientToken;
        this.environment = environment;
        this.tags = tags;
    }

    /** Completes with the task's ARN, or fails with what ECS said on the last attempt. */
    CompletableFuture<String> start() {
        attempt(1, Duration.ZERO);
        return taskArn;
    }

    private void attempt(int attempt, Duration backoffDelay) {
        Duration wait = backoffDelay.plus(limiter.reserve());
        scheduler.schedule(() -> workers.execute(() -> call(attempt)), wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void call(int attempt) {
        try {
            int tryNumber = tries.incrementAndGet();
            String token = tryNumber == 1 ? clientToken : clientToken + "-" + tryNumber;
            RunTaskResponse response = ecs.runTask(taskDefinitionArn, token, environment, tags, spot);
            if (!response.tasks().isEmpty()) {
                if (quotaWaits.get() > 0) {
                    capacityRetries.add(quotaWaits.get() + " wait(s) for Fargate vCPU quota: " + FargateVcpuQuota.message(onSpot));
                }
                taskArn.complete(response.tasks().get(0).taskArn());
                return;
            }
            if (FargateVcpuQuota.anyReached(response.failures())) {
                quotaNotice.once(LOG, onSpot);
                quotaWaits.incrementAndGet();
                Duration delay = backoff.quotaDelay();
                LOG.debug("RunTask of {}: Fargate vCPU quota {} reached; trying again in {} ms", tags.get("ecs-lattice:node"),
                        FargateVcpuQuota.code(onSpot), delay.toMillis());
                attempt(attempt, delay);   // back-pressure: uses no attempt
                return;
            }
            String failures = describe(response.failures());
            if (attempt < maxAttempts && response.failures().stream().allMatch(RunTaskCall::retryable)) {
                Duration delay = backoff.delay(attempt);
                capacityRetries.add(failures);
                LOG.info("RunTask of {} answered {}; retry {} of {} in {} ms", tags.get("ecs-lattice:node"), failures,
                        attempt, maxAttempts - 1, delay.toMillis());
                attempt(attempt + 1, delay);
                return;
            }
            taskArn.completeExceptionally(new IllegalStateException("ECS RunTask started no task for node "
                    + tags.get("ecs-lattice:node") + " after " + attempt + " attempt(s): " + failures));
        } catch (RuntimeException e) {
            taskArn.completeExceptionally(e);
        }
    }

    /** What ECS answered to each RunTask that started nothing and was tried again: infrastructure retries, not the electron's. */
    List<String> capacityRetries() {
        return List.copyOf(capacityRetries);
    }

    static boolean retryable(Failure failure) {
        String reason = failure.reason() == null ? "" : failure.reason();
        return RETRYABLE.stream().anyMatch(reason::contains);
    }

    private static String describe(List<Failure> failures) {
        return failures.isEmpty() ? "no task and no failure"
                : failures.stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                .collect(Collectors.joining("; "));
    }
}
