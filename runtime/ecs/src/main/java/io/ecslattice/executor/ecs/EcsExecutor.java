package io.ecslattice.executor.ecs;

import io.ecslattice.executor.Executor;
import io.ecslattice.executor.TaskResources;
import java.math.BigDecimal;
import java.time.Duration;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.taskrunner.S3Location;
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
    private final Map<String, CompletableFuture<String>> preparedByDispatch = new ConcurrentHashMap<>();
    private final Map<TaskDefinitionSpec, String> taskDefinitions = new ConcurrentHashMap<>();
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
        TaskSpec sent = new TaskSpec(spec.wireVersion(), spec.dispatchId(), spec.nodeId(), spec.attempt(), spec.className(),
                spec.methodName(), spec.parameterTypes(), spec.arguments(), resultAt.toString());
        java.util.concurrent.atomic.AtomicReference<RunTaskCall> call = new java.util.concurrent.atomic.AtomicReference<>();
        return taskDefinition(context, resources).thenComposeAsync(arn -> {
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

    private static String objectPrefix(TaskSpec spec) {
        return "ecs-lattice/" + spec.dispatchId() + "/" + spec.nodeId() + "/" + spec.attempt() + "/";
    }

    /** Same dispatch, node and attempt, same token: ECS starts the task once however often RunTask is retried. */
    static String clientToken(TaskSpec spec) {
        return Hashes.sha256Hex(spec.dispatchId() + "\n" + spec.nodeId() + "\n" + spec.attempt()).substring(0, 48);
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskHandle handle) {
        return poller.whenStopped(handle.ref()).thenApplyAsync(seen -> {
            forgetImageIfUnpullable(seen);
            Map<String, String> details = StoppedTaskReport.details(handle.details(), seen);
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
        return CompletableFuture.runAsync(() -> ecs.stopTask(handle.ref(), "Cancelled by ecs-lattice"), workers);
    }

    /** StopTask with a reason that names the limit, so the task's stoppedReason says why it stopped. */
    @Override
    public CompletableFuture<Void> stopForTimeout(TaskHandle handle, Duration limit) {
        return CompletableFuture.runAsync(() -> ecs.stopTask(handle.ref(), timeoutReason(limit)), workers);
    }

    static String timeoutReason(Duration limit) {
        return "Timeout: the electron ran longer than its limit of " + limit.toMillis() + " ms (ecs-lattice)";
    }

    @Override
    public List<String> logs(TaskHandle handle, int maxLines) {
        String group = handle.details().getOrDefault("logGroup", settings.ecsTaskLogGroupName());
        String stream = handle.details().getOrDefault("logStream", TaskDefinitionSpec.logStream(handle.ref()));
        return logs.lastLines(group, stream, maxLines);
    }

    @Override
    public void close() {
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
