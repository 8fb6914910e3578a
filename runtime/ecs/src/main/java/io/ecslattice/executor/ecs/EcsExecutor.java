package io.ecslattice.executor.ecs;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.executor.TaskResources;
import io.ecslattice.wire.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs electrons on ECS Fargate, each as a task of its own ({@code mode = "task"}, {@link TaskMode}) or on a pool of
 * warm workers ({@code mode = "pool"}, {@link PoolMode}). Both modes share the image (the electrons' classpath baked
 * in once per code version), the task definitions, the staging of specs and files in S3, the AWS clients and threads.
 * Configure it with {@link #builder()}, {@link #fromStack(String)}, or by name from the config file
 * ({@code [executors.ecs]}).
 */
public final class EcsExecutor implements Executor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EcsExecutor.class);
    private final String name;
    private final EcsSettings settings;
    private final AwsCallCounter counter;
    private final AwsClients clients;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService threads;
    private final ElectronResources resources;
    private final DispatchImages images;
    private final TaskMode taskMode;
    /** Present in pool mode only; task mode still awaits the task handles an executor in task mode stored. */
    private final PoolMode poolMode;
    private OptionalDouble vcpuQuota;

    EcsExecutor(String name, EcsSettings settings, AwsCallCounter counter) {
        this.name = name;
        this.settings = settings;
        this.counter = counter;
        this.clients = AwsClients.forSettings(settings, counter);
        Backoff backoff = new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay());
        EcsTasks ecs = new EcsTasks(clients.ecs(), settings, backoff);
        S3Objects s3 = new S3Objects(clients.s3());
        TaskLogs logs = new TaskLogs(clients.logs());
        RunTaskLimiter limiter = new RunTaskLimiter(settings.runTaskPerSecond(), settings.runTaskBurst(), System::nanoTime);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ecs-lattice-" + name + "-poller"));
        this.threads = Executors.newFixedThreadPool(8, daemon("ecs-lattice-" + name + "-aws"));
        this.resources = new ElectronResources(settings);
        this.images = new DispatchImages(settings, new EcrRepository(clients.ecr()), ecs, resources, threads);
        SpecStaging staging = new SpecStaging(settings.s3BucketName(), s3);
        FargateVcpuQuota.Notice quotaNotice = new FargateVcpuQuota.Notice();
        this.taskMode = new TaskMode(settings, ecs, s3, logs, limiter, backoff, images, staging, scheduler, threads, quotaNotice);
        this.poolMode = settings.pool().enabled() ? new PoolMode(name, images, staging, threads,
                new WorkerPool(settings, new SqsQueues(clients.sqs()), s3, ecs, logs, limiter, scheduler, threads,
                        backoff, quotaNotice, this::vcpuQuota)) : null;
    }

    /** Settings one by one; anything not given comes from the config file, then the stack, then the defaults. */
    public static EcsExecutorBuilder builder() {
        return new EcsExecutorBuilder();
    }

    /** An executor configured from the deployed stack's outputs (and the config file's {@code [executors.ecs]}). */
    public static EcsExecutor fromStack(String stackName) {
        return builder().stackName(stackName).build();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@code max_in_flight}; in task mode capped by the tasks of the executor's size that the account's Fargate vCPU quota
     * lets run at once, when Service Quotas tells it. In pool mode electrons wait in the queue, and the quota caps the
     * workers instead ({@link PoolScaler}).
     */
    @Override
    public int maxInFlight() {
        return poolMode != null ? settings.maxInFlight() : FargateVcpuQuota.cap(settings.maxInFlight(), vcpuQuota(), settings.size());
    }

    /**
     * The account's Fargate vCPU quota for the executor's capacity (Spot or On-Demand), asked once per executor (one
     * GetServiceQuota); empty when Service Quotas does not answer or the client may not ask.
     */
    synchronized OptionalDouble vcpuQuota() {
        if (vcpuQuota == null) {
            vcpuQuota = clients.serviceQuotas().value("fargate", FargateVcpuQuota.code(settings.fargateSpot()));
            vcpuQuota.ifPresent(q -> LOG.info("executor {}: the account's Fargate {} vCPU quota ({}) is {}", name,
                    settings.fargateSpot() ? "Spot" : "On-Demand", FargateVcpuQuota.code(settings.fargateSpot()), q));
        }
        return vcpuQuota;
    }

    /** The resolved settings, with where each value came from. */
    public EcsSettings settings() {
        return settings;
    }

    /** The AWS calls this executor made, by operation. */
    public AwsCallCounter awsCalls() {
        return counter;
    }

    /** Builds or finds the image and the task definition for the dispatch's classpath. */
    @Override
    public CompletableFuture<Void> prepare(TaskContext context) {
        return images.taskDefinition(context).thenApply(arn -> null);
    }

    /** The image a prepared dispatch runs on, and whether preparing it built and pushed it. */
    Optional<TaskImageBuilder.Image> image(String dispatchId) {
        return images.image(dispatchId);
    }

    /** The task definition a prepared dispatch runs on. */
    Optional<String> taskDefinitionArn(String dispatchId) {
        return images.taskDefinitionArn(dispatchId);
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        return submit(spec, context, TaskResources.NONE);
    }

    /** A Fargate pair after the electron's vcpu/memory replace the executor's, and Spot only on X86_64. */
    @Override
    public Optional<String> resourcesProblem(TaskResources electron) {
        return resources.problem(electron);
    }

    /** Runs the electron in the executor's mode; in task mode on a task definition of the electron's size and architecture. */
    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context, TaskResources electron) {
        resourcesProblem(electron).ifPresent(problem -> {
            throw new IllegalArgumentException("node " + spec.nodeId() + ": " + problem);
        });
        CompletableFuture<? extends EcsHandle> started = poolMode != null ? poolMode.submit(spec, context, electron)
                : taskMode.submit(spec, context, electron);
        return started.thenApply(handle -> handle.toTaskHandle(name));
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle stored) {
        EcsHandle handle = EcsHandle.of(stored);
        if (handle instanceof PoolModeHandle pool) {
            return poolMode().thenCompose(mode -> mode.await(pool));
        }
        return taskMode.await((TaskModeHandle) handle);
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle stored) {
        EcsHandle handle = EcsHandle.of(stored);
        if (handle instanceof PoolModeHandle pool) {
            return poolMode().thenCompose(mode -> mode.cancel(pool));
        }
        return taskMode.cancel((TaskModeHandle) handle);
    }

    /** Task mode: StopTask with a reason that names the limit. Pool mode: the electron is cancelled. */
    @Override
    public CompletableFuture<Void> stopForTimeout(TaskHandle stored, Duration limit) {
        EcsHandle handle = EcsHandle.of(stored);
        if (handle instanceof PoolModeHandle pool) {
            return poolMode().thenCompose(mode -> mode.stopForTimeout(pool, limit));
        }
        return taskMode.stopForTimeout((TaskModeHandle) handle, limit);
    }

    @Override
    public List<String> logs(TaskHandle stored, int maxLines) {
        EcsHandle handle = EcsHandle.of(stored);
        return handle instanceof PoolModeHandle pool ? PoolMode.logsOf(pool) : taskMode.logs((TaskModeHandle) handle, maxLines);
    }

    @Override
    public void dispatchEnded(String dispatchId) {
        if (poolMode != null) {
            poolMode.dispatchEnded(dispatchId);
        }
    }

    /** Pool handles need an executor in pool mode to collect them; task mode collects task handles in either mode. */
    private CompletableFuture<PoolMode> poolMode() {
        return poolMode != null ? CompletableFuture.completedFuture(poolMode) : CompletableFuture.failedFuture(new IllegalStateException(
                "executor " + name + " has mode=task but was asked about an electron it ran with mode=pool; set mode=\"pool\""
                        + " to collect it"));
    }

    /** The pool queues of this executor's stack, to list, drain and delete; any mode. Closing it leaves the executor open. */
    public Pools pools() {
        return new Pools(new SqsQueues(clients.sqs()), settings.stackName(), () -> { });
    }

    @Override
    public void close() {
        if (poolMode != null) {
            poolMode.close();
        }
        taskMode.close();
        scheduler.shutdownNow();
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.close();
    }

    private static ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }
}
