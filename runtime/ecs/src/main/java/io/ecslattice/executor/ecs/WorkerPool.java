package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.S3Location;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.WorkMessage;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool mode of the ECS executor: electrons go to the pool shape's SQS work queue (ten a call), warm
 * worker tasks run them, and their completions come back on the dispatch's own completion queue
 * ({@code <prefix>done-<dispatchId>}, {@link QueueNames}): clients never see each other's completions, and a resumed
 * dispatch reads what arrived while no client lived. Workers are started by {@link PoolScaler}s.
 */
final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    /** Ten messages of this many UTF-8 bytes fit SendMessageBatch's 1 MiB (256 KiB before 2025); larger specs go through S3. */
    static final int MAX_INLINE_MESSAGE_BYTES = 24 * 1024;
    static final Duration LINGER = Duration.ofMillis(5);
    /**
     * The linger while more than {@link CompletionInbox#BUSY} electrons wait on the pool: completions then come
     * ten at a time, and the electrons they make ready follow over some tens of milliseconds; a chain keeps 5 ms.
     */
    static final Duration BUSY_LINGER = Duration.ofMillis(100);
    static final Duration TICK = Duration.ofSeconds(1);

    private record Pending(String body, CompletableFuture<Void> sent) {
    }

    private final EcsSettings settings;
    private final SqsQueues sqs;
    private final S3Objects s3;
    private final EcsTasks ecs;
    private final DeadLetterReport deadLetters;
    private final RunTaskLimiter limiter;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService threads;
    /** A thread per dispatch whose completions are awaited, apart from {@link #threads} (see {@link CompletionInbox}). */
    private final ExecutorService completionReaders;
    private final PoolShape shape;
    private final Backoff backoff;
    private final FargateVcpuQuota.Notice quotaNotice;
    private final java.util.function.Supplier<java.util.OptionalDouble> vcpuQuota;
    private final Map<String, PoolScaler> scalers = new ConcurrentHashMap<>();
    private final Map<String, CompletionInbox> inboxes = new ConcurrentHashMap<>();
    private final Map<String, List<Pending>> unsent = new LinkedHashMap<>();
    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final ScheduledFuture<?> ticks;

    WorkerPool(EcsSettings settings, SqsQueues sqs, S3Objects s3, EcsTasks ecs, TaskLogs logs, RunTaskLimiter limiter,
               ScheduledExecutorService scheduler, ExecutorService threads, Backoff backoff, FargateVcpuQuota.Notice quotaNotice,
               java.util.function.Supplier<java.util.OptionalDouble> vcpuQuota) {
        this.settings = settings;
        this.backoff = backoff;
        this.quotaNotice = quotaNotice;
        this.vcpuQuota = vcpuQuota;
        this.sqs = sqs;
        this.s3 = s3;
        this.ecs = ecs;
        this.deadLetters = new DeadLetterReport(logs, ecs, settings.ecsTaskLogGroupName());
        this.limiter = limiter;
        this.scheduler = scheduler;
        this.threads = threads;
        this.completionReaders = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ecs-lattice-pool-completions");
            thread.setDaemon(true);
            return thread;
        });
        this.shape = PoolShape.of(settings);
        this.ticks = scheduler.scheduleWithFixedDelay(() -> threads.execute(this::tick), TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private String prefix() {
        return QueueNames.prefix(settings.stackName());
    }

    /** Queues the electron on the work queue; completes when SQS has it, with the handle to await it by. */
    CompletableFuture<PoolModeHandle> submit(TaskSpec spec, String taskDefinitionArn, String codeVersion) {
        return CompletableFuture.supplyAsync(() -> {
            int visibility = (int) settings.pool().visibility().toSeconds();
            String workQueue = sqs.ensureWorkQueue(shape.queueName(prefix()), visibility, settings.pool().maxAttempts() + 1);
            String completions = inbox(spec.dispatchId()).queueUrl();
            PoolScaler scaler = scaler(taskDefinitionArn, codeVersion, workQueue);
            String prefix = SpecStaging.objectPrefix(spec);
            String cancelUri = new S3Location(settings.s3BucketName(), prefix + "cancel").toString();
            // A resumed client may send an attempt its killed predecessor sent too: the worker runs one send of it.
            String sendId = UUID.randomUUID().toString();
            String claimUri = new S3Location(settings.s3BucketName(), prefix + "claim").toString();
            String body = json(new WorkMessage(Wire.VERSION, codeVersion, spec, null, completions, cancelUri, sendId, claimUri));
            // SQS measures a message in UTF-8 bytes: a spec of non-ASCII text is up to three times its length.
            if (body.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_MESSAGE_BYTES) {
                S3Location specAt = new S3Location(settings.s3BucketName(), prefix + "spec.json");
                s3.put(specAt, json(spec).getBytes(StandardCharsets.UTF_8));
                body = json(new WorkMessage(Wire.VERSION, codeVersion, null, specAt.toString(), completions, cancelUri, sendId,
                        claimUri));
            }
            PoolModeHandle handle = new PoolModeHandle(spec.dispatchId(), spec.nodeId(), spec.attempt(), workQueue, completions,
                    spec.resultUri(), cancelUri, taskDefinitionArn, codeVersion, settings.ecsTaskLogGroupName());
            if (counted.add(handle.key())) {
                scaler.added();
            }
            Duration linger = scaler.backlog() > CompletionInbox.BUSY ? BUSY_LINGER : LINGER;
            return send(workQueue, body, linger).thenApply(sent -> handle);
        }, threads).thenCompose(sent -> sent);
    }

    /** Completes with the electron's outcome; a handle of another process first looks for its stored result. */
    CompletableFuture<TaskOutcome> await(PoolModeHandle handle) {
        String key = handle.key();
        CompletionInbox inbox = inbox(handle.dispatchId());
        PoolScaler scaler = scaler(handle.taskDefinition(), handle.codeVersion(), handle.workQueue());
        if (counted.add(key)) {
            // Re-attached after a takeover: the electron may have finished while no client lived.
            s3.get(S3Location.parse(handle.resultUri()))
                    .map(bytes -> outcome(bytes, handle.details(), Map.of("collected", "stored result")))
                    .ifPresentOrElse(outcome -> inbox.complete(key, outcome), scaler::added);
        }
        return inbox.await(key).whenComplete((outcome, error) -> scaler.removed());
    }

    /** Marks the electron cancelled: a worker that takes it or runs it stops it; its await completes now. */
    void cancel(PoolModeHandle handle) {
        s3.put(S3Location.parse(handle.cancelUri()), "cancelled".getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        inbox(handle.dispatchId()).complete(handle.key(), new TaskOutcome(new TaskResult(Wire.VERSION, handle.dispatchId(),
                handle.nodeId(), null, new TaskError("Cancelled", "cancelled before it completed on the pool", ""), "", "", now, now),
                handle.details()));
    }

    /**
     * The dispatch ended here: stops reading its completions and deletes its completion queue, so no queue
     * outlives its dispatch. Completions a worker sends later (a second delivery) find no queue and are dropped.
     */
    void dispatchEnded(String dispatchId) {
        CompletionInbox inbox = inboxes.remove(dispatchId);
        if (inbox != null) {
            inbox.close();
            sqs.delete(inbox.queueUrl());
        }
    }

    private CompletionInbox inbox(String dispatchId) {
        return inboxes.computeIfAbsent(dispatchId, id -> new CompletionInbox(
                sqs.ensureCompletionQueue(PoolShape.completionQueueName(prefix(), id), (int) settings.pool().visibility().toSeconds()),
                sqs, threads, completionReaders, this::outcome));
    }

    private PoolScaler scaler(String taskDefinitionArn, String codeVersion, String workQueue) {
        String startedBy = shape.startedBy(codeVersion);
        return scalers.computeIfAbsent(startedBy, s -> new PoolScaler(ecs, limiter, settings.pool(), taskDefinitionArn, s,
                workQueue, workQueue + "-dlq", codeVersion, java.time.Clock.systemUTC(),
                FargateVcpuQuota.cap(settings.pool().maxWorkers(), vcpuQuota.get(), shape.size()),
                shape.spot(), backoff, quotaNotice));
    }

    private void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            scalers.values().forEach(PoolScaler::tick);
        } catch (RuntimeException e) {
            LOG.warn("starting pool workers failed, trying again in {} ms: {}", TICK.toMillis(), e.getMessage());
        } finally {
            ticking.set(false);
        }
    }

    /** Collects bodies for {@code linger}, so electrons made ready together go ten a call. */
    private CompletableFuture<Void> send(String queueUrl, String body, Duration linger) {
        Pending pending = new Pending(body, new CompletableFuture<>());
        boolean first;
        boolean full;
        synchronized (unsent) {
            List<Pending> queue = unsent.computeIfAbsent(queueUrl, q -> new ArrayList<>());
            queue.add(pending);
            first = queue.size() == 1;
            full = queue.size() >= SqsQueues.BATCH;
        }
        if (full) {
            threads.execute(() -> flush(queueUrl));
        } else if (first) {
            scheduler.schedule(() -> threads.execute(() -> flush(queueUrl)), linger.toMillis(), TimeUnit.MILLISECONDS);
        }
        return pending.sent();
    }

    private void flush(String queueUrl) {
        List<Pending> batch;
        synchronized (unsent) {
            List<Pending> queue = unsent.getOrDefault(queueUrl, List.of());
            if (queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(queue.subList(0, Math.min(SqsQueues.BATCH, queue.size())));
            queue.subList(0, batch.size()).clear();
            if (!queue.isEmpty()) {
                threads.execute(() -> flush(queueUrl));
            }
        }
        try {
            Map<Integer, String> failed = sqs.sendBatch(queueUrl, batch.stream().map(Pending::body).toList());
            for (int i = 0; i < batch.size(); i++) {
                if (failed.containsKey(i)) {
                    batch.get(i).sent().completeExceptionally(new IllegalStateException("SQS did not take the electron on "
                            + SqsQueues.name(queueUrl) + ": " + failed.get(i)));
                } else {
                    batch.get(i).sent().complete(null);
                }
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.sent().completeExceptionally(e));
        }
    }

    private TaskOutcome outcome(PoolEvent event) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("mode", "pool");
        details.put("delivery", String.valueOf(event.delivery()));
        if (event.worker() != null) {
            details.put("worker", event.worker());
        }
        if (event.kind() == PoolEvent.Kind.DEAD_LETTERED) {
            return deadLetters.outcome(event, details);
        }
        if (event.result() != null) {
            return withCost(event.result(), details);
        }
        byte[] bytes = s3.get(S3Location.parse(event.resultUri())).orElseThrow(() -> new IllegalStateException(
                "the completion of node " + event.nodeId() + " names " + event.resultUri() + ", which does not exist"));
        return outcome(bytes, Map.of(), details);
    }

    private TaskOutcome outcome(byte[] bytes, Map<String, String> base, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(base);
        details.putAll(extra);
        try {
            return withCost(Wire.mapper().readValue(bytes, TaskResult.class), details);
        } catch (IOException e) {
            throw new IllegalStateException("a pool result is not a valid task result: " + e.getMessage(), e);
        }
    }

    /**
     * An electron's share of its worker: its run time at the worker's size, and of its public IPv4 address, divided among
     * concurrent electrons.
     */
    private TaskOutcome withCost(TaskResult result, Map<String, String> details) {
        if (result.startedAt() != null && result.endedAt() != null) {
            double seconds = Duration.between(result.startedAt(), result.endedAt()).toMillis() / 1000.0 / settings.pool().concurrency();
            FargatePrices.Usage usage = new FargatePrices.Usage(seconds * settings.size().cpuUnits() / 1024.0,
                    seconds * settings.size().memoryMiB() / 1024.0);
            details.put("vcpuSeconds", String.format(java.util.Locale.ROOT, "%.1f", usage.vcpuSeconds()));
            details.put("gbSeconds", String.format(java.util.Locale.ROOT, "%.1f", usage.gbSeconds()));
            // The worker's public IPv4 address, shared the same way (assign_public_ip; see TaskCost).
            double ipv4 = settings.assignPublicIp() ? seconds * settings.publicIpv4HourPrice().doubleValue() / 3600 : 0;
            details.put("estimatedCostUsd", String.format(java.util.Locale.ROOT, "%.8f", usage.cost(settings.prices()) + ipv4));
        }
        return new TaskOutcome(result, details);
    }

    private static String json(Object value) {
        try {
            return Wire.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Stops reading completions and starting workers; running workers finish and stop when idle. */
    @Override
    public void close() {
        ticks.cancel(false);
        inboxes.values().forEach(CompletionInbox::close);
        completionReaders.shutdownNow();   // interrupts the long polls, as the executor's own threads' shutdown did
    }
}
