package io.ecslattice.executor.ecs;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskResources;
import java.math.BigDecimal;
import java.time.Duration;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.S3Location;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.FileRef;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task as an ECS Fargate task: bakes the electrons' classpath into an image (once per code
 * version), reuses one task definition per content, starts tasks with RunTask (rate-limited, retried,
 * idempotent by client token), watches them with one batched DescribeTasks poller, and reads each
 * result from S3. Configure it with {@link #builder()}, {@link #fromStack(String)}, or by name from
 * the config file ({@code [executors.ecs]}).
 */
public final class EcsExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(EcsExecutor.class);
    static final int MISSING_POLLS = 3;

    private final String name;
    private final EcsSettings settings;
    private final AwsCallCounter counter;
    private final AwsClients clients;
    private final EcsTasks ecs;
    private final S3Objects s3;
    private final EcrRepository ecr;
    private final TaskLogs logs;
    private final TaskImageBuilder images;
    private final RunTaskLimiter limiter;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final java.util.concurrent.ExecutorService workers;
    private final TaskPoller poller;
    private final WorkerPool pool;
    private final Map<String, CompletableFuture<String>> preparedByDispatch = new ConcurrentHashMap<>();
    private final Map<TaskDefinitionSpec, String> taskDefinitions = new ConcurrentHashMap<>();
    private final Map<String, FileRef> uploadedFiles = new ConcurrentHashMap<>();
    private final Map<String, TaskImageBuilder.Image> imagesByDispatch = new ConcurrentHashMap<>();
    private final Map<String, String> imageUris = new ConcurrentHashMap<>();
    private volatile EcrRepository.Info repository;

    EcsExecutor(String name, EcsSettings settings, AwsCallCounter counter) {
        this.name = name;
        this.settings = settings;
        this.counter = counter;
        this.clients = AwsClients.forSettings(settings, counter);
        this.backoff = new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay());
        this.ecs = new EcsTasks(clients.ecs(), settings, backoff);
        this.s3 = new S3Objects(clients.s3());
        this.ecr = new EcrRepository(clients.ecr());
        this.logs = new TaskLogs(clients.logs());
        this.images = new TaskImageBuilder(settings, ecr);
        this.limiter = new RunTaskLimiter(settings.runTaskPerSecond(), settings.runTaskBurst(), System::nanoTime);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ecs-lattice-" + name + "-poller"));
        this.workers = Executors.newFixedThreadPool(8, daemon("ecs-lattice-" + name + "-aws"));
        this.poller = new TaskPoller(ecs::describeTasks, settings.pollFreq(), MISSING_POLLS, scheduler);
        this.pool = settings.pool().enabled() ? new WorkerPool(settings, new SqsQueues(clients.sqs()), s3, ecs, logs, limiter,
                scheduler, workers) : null;
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

    @Override
    public int maxInFlight() {
        return settings.maxInFlight();
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
        return taskDefinition(context).thenApply(arn -> null);
    }

    /** The dispatch's task definition resized to the electron's resources (one per distinct content, as always). */
    private CompletableFuture<String> taskDefinition(TaskContext context, TaskResources resources) {
        if (!resources.changesShape()) {
            return taskDefinition(context);
        }
        return taskDefinition(context).thenApplyAsync(defaultArn -> {
            EcrRepository.Info repo = repository();
            BigDecimal cpu = resources.vcpu() != null ? resources.vcpu() : settings.resolved().get(EcsSettingsTable.VCPU);
            BigDecimal memory = resources.memory() != null ? resources.memory() : settings.resolved().get(EcsSettingsTable.MEMORY);
            TaskDefinitionSpec spec = new TaskDefinitionSpec(settings.ecsTaskFamilyName(),
                    imageUris.get(context.dispatchId()), FargateSize.of(cpu, memory),
                    repo.roleArn(settings.ecsTaskExecutionRoleName()), repo.roleArn(settings.ecsTaskRoleName()),
                    settings.ecsTaskLogGroupName(), settings.region(), architecture(resources));
            return taskDefinitions.computeIfAbsent(spec, ecs::ensureTaskDefinition);
        }, workers);
    }

    private static String describe(TaskResources resources) {
        List<String> parts = new java.util.ArrayList<>();
        if (resources.vcpu() != null) {
            parts.add("vcpu=" + resources.vcpu().toPlainString());
        }
        if (resources.memory() != null) {
            parts.add("memory=" + resources.memory().toPlainString());
        }
        if (resources.cpuArchitecture() != null) {
            parts.add("cpu_architecture=" + resources.cpuArchitecture());
        }
        if (resources.spot() != null) {
            parts.add("fargate_spot=" + resources.spot());
        }
        return String.join(", ", parts);
    }

    private CompletableFuture<String> taskDefinition(TaskContext context) {
        return preparedByDispatch.computeIfAbsent(context.dispatchId(), id -> CompletableFuture.supplyAsync(() -> {
            EcrRepository.Info repo = repository();
            List<Path> classpath = context.classpath().isEmpty() ? javaClassPath() : context.classpath();
            TaskImageBuilder.Image image = images.ensure(classpath, repo);
            imagesByDispatch.put(id, image);
            imageUris.put(id, image.imageUri());
            TaskDefinitionSpec spec = new TaskDefinitionSpec(settings.ecsTaskFamilyName(), image.imageUri(), settings.size(),
                    repo.roleArn(settings.ecsTaskExecutionRoleName()), repo.roleArn(settings.ecsTaskRoleName()),
                    settings.ecsTaskLogGroupName(), settings.region(), settings.cpuArchitecture());
            String arn = taskDefinitions.computeIfAbsent(spec, ecs::ensureTaskDefinition);
            LOG.info("dispatch {}: image {} ({}), task definition {}", id, image.imageUri(),
                    image.built() ? "built in " + image.took().toMillis() + " ms" : "unchanged", arn);
            return arn;
        }, workers));
    }

    /**
     * Runs the dispatch's tasks on {@code imageUri} instead of the built image; only for the test of an
     * image that cannot be pulled, which the product never produces on purpose.
     */
    void useImageForTests(String dispatchId, String imageUri) {
        imageUris.put(dispatchId, imageUri);
        preparedByDispatch.put(dispatchId, CompletableFuture.supplyAsync(() -> {
            EcrRepository.Info repo = repository();
            return ecs.ensureTaskDefinition(new TaskDefinitionSpec(settings.ecsTaskFamilyName(), imageUri, settings.size(),
                    repo.roleArn(settings.ecsTaskExecutionRoleName()), repo.roleArn(settings.ecsTaskRoleName()),
                    settings.ecsTaskLogGroupName(), settings.region(), settings.cpuArchitecture()));
        }, workers));
    }

    /** The image a prepared dispatch runs on, and whether preparing it built and pushed it. */
    Optional<TaskImageBuilder.Image> image(String dispatchId) {
        return Optional.ofNullable(imagesByDispatch.get(dispatchId));
    }

    /** The task definition a prepared dispatch runs on. */
    Optional<String> taskDefinitionArn(String dispatchId) {
        return Optional.ofNullable(preparedByDispatch.get(dispatchId)).map(CompletableFuture::join);
    }

    /** The ECS calls of this executor, for tests of RunTask's idempotency. */
    EcsTasks ecsTasks() {
        return ecs;
    }

    private EcrRepository.Info repository() {
        if (repository == null) {
            repository = ecr.describe(settings.ecrRepoName());
        }
        return repository;
    }

    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context) {
        return submit(spec, context, TaskResources.NONE);
    }

    /** A Fargate pair after the electron's vcpu/memory replace the executor's, and Spot only on X86_64. */
    @Override
    public Optional<String> resourcesProblem(TaskResources resources) {
        BigDecimal cpu = resources.vcpu() != null ? resources.vcpu() : settings.resolved().get(EcsSettingsTable.VCPU);
        BigDecimal memory = resources.memory() != null ? resources.memory() : settings.resolved().get(EcsSettingsTable.MEMORY);
        String pair = FargateSize.pairProblem(cpu, memory);
        if (pair != null) {
            return Optional.of(pair + " (vcpu " + (resources.vcpu() != null ? "from the electron's .vcpu(...)" : "from " + settings.source("vcpu"))
                    + ", memory " + (resources.memory() != null ? "from the electron's .memory(...)" : "from " + settings.source("memory"))
                    + "); change .vcpu(...)/.memory(...) on the electron");
        }
        return Optional.ofNullable(FargateSize.spotProblem(spot(resources), architecture(resources)))
                .map(problem -> problem + "; change .spot(...)/.cpuArchitecture(...) on the electron");
    }

    private boolean spot(TaskResources resources) {
        return resources.spot() != null ? resources.spot() : settings.fargateSpot();
    }

    private String architecture(TaskResources resources) {
        return resources.cpuArchitecture() != null ? resources.cpuArchitecture() : settings.cpuArchitecture();
    }

    /** Runs the task on a task definition of the electron's size and architecture, on Spot if it asks for it. */
    @Override
    public CompletableFuture<TaskHandle> submit(TaskSpec spec, TaskContext context, TaskResources resources) {
        resourcesProblem(resources).ifPresent(problem -> {
            throw new IllegalArgumentException("node " + spec.nodeId() + ": " + problem);
        });
        S3Location resultAt = new S3Location(settings.s3BucketName(), objectPrefix(spec) + "result.json");
        if (pool != null) {
            if (!resources.isEmpty()) {
                throw new IllegalArgumentException("node " + spec.nodeId() + " asks for " + describe(resources) + ", but executor "
                        + name + " has mode=pool, whose workers all have the executor's size; run it on an executor with mode=task");
            }
            return taskDefinition(context).thenComposeAsync(arn -> pool.submit(name, withUploadedFiles(spec, resultAt), arn,
                    imagesByDispatch.get(spec.dispatchId()).imageUri()), workers);
        }
        java.util.concurrent.atomic.AtomicReference<RunTaskCall> call = new java.util.concurrent.atomic.AtomicReference<>();
        return taskDefinition(context, resources).thenComposeAsync(arn -> {
            TaskSpec sent = withUploadedFiles(spec, resultAt);
            Map<String, String> environment = specEnvironment(sent);
            Map<String, String> tags = TaskTags.of(Map.of("ecs-lattice:dispatch", spec.dispatchId(),
                    "ecs-lattice:node", spec.nodeId(),
                    "ecs-lattice:workflow", context.workflowName().isBlank() ? "-" : context.workflowName()));
            call.set(new RunTaskCall(ecs, limiter, backoff, scheduler, workers, settings.runTaskMaxAttempts(), arn,
                    clientToken(spec), environment, tags, resources.spot()));
            return call.get().start();
        }, workers).thenApply(taskArn -> {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("taskArn", taskArn);
            List<String> capacity = call.get().capacityRetries();
            if (!capacity.isEmpty()) {
                // Infrastructure retries inside this attempt, kept apart from the electron's own retries.
                details.put("infrastructureRetries", capacity.size() + " RunTask capacity failure(s): " + String.join(" | ", capacity));
            }
            if (!resources.isEmpty()) {
                details.put("resources", describe(resources));
            }
            details.put("dispatchId", spec.dispatchId());
            details.put("nodeId", spec.nodeId());
            details.put("cluster", settings.ecsClusterName());
            details.put("region", settings.region());
            details.put("resultUri", resultAt.toString());
            details.put("logGroup", settings.ecsTaskLogGroupName());
            details.put("logStream", TaskDefinitionSpec.logStream(taskArn));
            return new TaskHandle(name, taskArn, details);
        });
    }

    /** The spec as sent: its result at {@code resultAt}, its local files uploaded (on the workers, not the dispatcher's thread). */
    private TaskSpec withUploadedFiles(TaskSpec spec, S3Location resultAt) {
        return new TaskSpec(spec.wireVersion(), spec.dispatchId(), spec.nodeId(), spec.attempt(), spec.className(),
                spec.methodName(), spec.parameterTypes(), uploadLocalFiles(spec), resultAt.toString());
    }

    /**
     * The spec's arguments with every local file ({@link FileRef} {@code file://}) uploaded to the bucket, so
     * the container can download it; each file once per executor while it is unchanged.
     */
    private List<JsonNode> uploadLocalFiles(TaskSpec spec) {
        List<JsonNode> arguments = new java.util.ArrayList<>();
        for (JsonNode argument : spec.arguments()) {
            try {
                arguments.add(FileRef.rewrite(argument, ref -> ref.isLocal() ? uploaded(ref, spec) : ref));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot upload a file argument of node " + spec.nodeId() + ": " + e.getMessage(), e);
            }
        }
        return arguments;
    }

    private FileRef uploaded(FileRef ref, TaskSpec spec) throws java.io.IOException {
        Path file = ref.path();
        if (!java.nio.file.Files.exists(file)) {
            throw new java.io.IOException("file " + file + " does not exist");
        }
        String identity = ref.uri() + "\n" + java.nio.file.Files.size(file) + "\n" + java.nio.file.Files.getLastModifiedTime(file);
        return uploadedFiles.computeIfAbsent(identity, key -> {
            String prefix = Keys.key("ecs-lattice", spec.dispatchId(), "files", Hashes.sha256Hex(key).substring(0, 16)) + "/";
            return FileRef.s3(settings.s3BucketName(), s3.putTree(file, settings.s3BucketName(), prefix));
        });
    }

    private Map<String, String> specEnvironment(TaskSpec spec) {
        byte[] json;
        try {
            json = Wire.mapper().writeValueAsBytes(spec);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the task spec of node " + spec.nodeId(), e);
        }
        Map<String, String> inline = Map.of(Wire.ENV_SPEC, new String(json, StandardCharsets.UTF_8));
        if (TaskOverrides.fit(inline)) {
            return inline;
        }
        S3Location specAt = new S3Location(settings.s3BucketName(), objectPrefix(spec) + "spec.json");
        s3.put(specAt, json);
        return Map.of(Wire.ENV_SPEC_URI, specAt.toString());
    }

    /** Where an attempt's objects (spec, result, files, pool claim and cancel marker) live; node ids escaped ({@link Keys}). */
    static String objectPrefix(TaskSpec spec) {
        return Keys.key("ecs-lattice", spec.dispatchId(), spec.nodeId(), spec.attempt()) + "/";
    }

    /** Same dispatch, node and attempt, same token: ECS starts the task once however often RunTask is retried. */
    static String clientToken(TaskSpec spec) {
        return Hashes.sha256Hex(spec.dispatchId() + "\n" + spec.nodeId() + "\n" + spec.attempt()).substring(0, 48);
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        if (isPoolHandle(handle)) {
            return pool().thenCompose(p -> p.await(handle));
        }
        return poller.whenStopped(handle.ref()).thenApplyAsync(seen -> {
            forgetImageIfUnpullable(seen);
            Map<String, String> details = StoppedTaskReport.details(handle.details(), seen);
            if (seen.task() != null) {
                details.putAll(TaskCost.details(seen.task(), settings.size(), settings.prices()));
            }
            Optional<byte[]> result = Optional.ofNullable(handle.details().get("resultUri"))
                    .flatMap(uri -> s3.get(S3Location.parse(uri)));
            return StoppedTaskReport.outcome(handle.details().getOrDefault("dispatchId", "unknown"),
                    handle.details().getOrDefault("nodeId", "unknown"), details, result,
                    () -> logs(handle, StoppedTaskReport.LOG_LINES));
        }, workers);
    }

    /** The registry lost the image behind the cache_dir marker (lifecycle rule, destroy + deploy): forget it. */
    private void forgetImageIfUnpullable(TaskPoller.Observation seen) {
        if (seen.task() != null && String.valueOf(seen.task().stoppedReason()).contains("CannotPullContainerError")) {
            seen.task().containers().forEach(c -> images.forget(ImageMarkers.tagOf(String.valueOf(c.image()))));
        }
    }

    @Override
    public CompletableFuture<Void> cancel(TaskHandle handle) {
        if (isPoolHandle(handle)) {
            return pool().thenAcceptAsync(p -> p.cancel(handle), workers);
        }
        return CompletableFuture.runAsync(() -> ecs.stopTask(handle.ref(), "Cancelled by ecs-lattice"), workers);
    }

    /**
     * StopTask with a reason that names the limit, so the task's stoppedReason says why it stopped. A pool
     * electron has no task of its own (its ref is no task ARN): it is cancelled, so its worker interrupts it.
     */
    @Override
    public CompletableFuture<Void> stopForTimeout(TaskHandle handle, Duration limit) {
        if (isPoolHandle(handle)) {
            return cancel(handle);
        }
        return CompletableFuture.runAsync(() -> ecs.stopTask(handle.ref(), timeoutReason(limit)), workers);
    }

    static String timeoutReason(Duration limit) {
        return "Timeout: the electron ran longer than its limit of " + limit.toMillis() + " ms (ecs-lattice)";
    }

    @Override
    public void dispatchEnded(String dispatchId) {
        if (pool != null) {
            pool.dispatchEnded(dispatchId);
        }
    }

    private static boolean isPoolHandle(TaskHandle handle) {
        return "pool".equals(handle.details().get("mode"));
    }

    private CompletableFuture<WorkerPool> pool() {
        return pool != null ? CompletableFuture.completedFuture(pool) : CompletableFuture.failedFuture(new IllegalStateException(
                "executor " + name + " has mode=task but was asked about an electron it ran with mode=pool; set mode=\"pool\""
                        + " to collect it"));
    }

    /** The pool queues of this executor's stack, to list, drain and delete ({@code ecs-lattice pool}); any mode. */
    public Pools pools() {
        return new Pools(new SqsQueues(clients.sqs()), settings.stackName());
    }

    /** Pool mode: the worker tasks this client started, as ECS describes them now; empty in task mode. */
    List<software.amazon.awssdk.services.ecs.model.Task> poolWorkers() {
        return pool == null ? List.of() : pool.startedWorkers();
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        if (isPoolHandle(handle)) {
            return List.of("electron ran on pool worker " + handle.details().getOrDefault("worker", "(unknown)")
                    + "; its output is in the result, the worker's log in " + handle.details().get("logGroup"));
        }
        String group = handle.details().getOrDefault("logGroup", settings.ecsTaskLogGroupName());
        String stream = handle.details().getOrDefault("logStream", TaskDefinitionSpec.logStream(handle.ref()));
        return logs.lastLines(group, stream, maxLines);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        poller.close();
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.close();
    }

    private static List<Path> javaClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }
}
