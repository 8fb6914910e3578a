package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskOutcome;
import io.ecslattice.executor.TaskResources;
import io.ecslattice.taskrunner.S3Location;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Task mode ({@code mode = "task"}): each electron runs as a Fargate task of its own, started with RunTask
 * (rate-limited, retried, idempotent by client token), watched by one batched DescribeTasks poller, its result read
 * from S3 and, when it left none, its stop reported from what ECS and its log say.
 */
final class TaskMode implements Mode<TaskModeHandle> {
    static final int MISSING_POLLS = 3;

    private final EcsSettings settings;
    private final EcsTasks ecs;
    private final S3Objects s3;
    private final TaskLogs logs;
    private final RunTaskLimiter limiter;
    private final Backoff backoff;
    private final DispatchImages images;
    private final SpecStaging staging;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService threads;
    private final TaskPoller poller;
    private final FargateVcpuQuota.Notice quotaNotice;

    TaskMode(EcsSettings settings, EcsTasks ecs, S3Objects s3, TaskLogs logs, RunTaskLimiter limiter,
             Backoff backoff, DispatchImages images, SpecStaging staging, ScheduledExecutorService scheduler, ExecutorService threads,
             FargateVcpuQuota.Notice quotaNotice) {
        this.settings = settings;
        this.quotaNotice = quotaNotice;
        this.ecs = ecs;
        this.s3 = s3;
        this.logs = logs;
        this.limiter = limiter;
        this.backoff = backoff;
        this.images = images;
        this.staging = staging;
        this.scheduler = scheduler;
        this.threads = threads;
        this.poller = new TaskPoller(ecs::describeTasks, settings.pollFreq(), MISSING_POLLS, scheduler);
    }

    /** Runs the task on a task definition of the electron's size and architecture, on Spot if it asks for it. */
    @Override
    public CompletableFuture<TaskModeHandle> submit(TaskSpec spec, TaskContext context, TaskResources resources) {
        S3Location resultAt = staging.resultAt(spec);
        AtomicReference<RunTaskCall> call = new AtomicReference<>();
        return images.taskDefinition(context, resources).thenComposeAsync(arn -> {
            Map<String, String> environment = specEnvironment(staging.staged(spec));
            Map<String, String> tags = TaskTags.of(Map.of("ecs-lattice:dispatch", spec.dispatchId(),
                    "ecs-lattice:node", spec.nodeId(),
                    "ecs-lattice:workflow", context.workflowName().isBlank() ? "-" : context.workflowName()));
            call.set(new RunTaskCall(ecs, limiter, backoff, scheduler, threads, settings.runTaskMaxAttempts(), arn,
                    clientToken(spec), environment, tags, resources.spot(),
                    resources.spot() != null ? resources.spot() : settings.fargateSpot(), quotaNotice));
            return call.get().start();
        }, threads).thenApply(taskArn -> {
            List<String> capacity = call.get().capacityRetries();
            // Infrastructure retries inside this attempt, kept apart from the electron's own retries.
            String retries = capacity.isEmpty() ? null
                    : capacity.size() + " RunTask capacity failure(s): " + String.join(" | ", capacity);
            return new TaskModeHandle(taskArn, retries, resources.isEmpty() ? null : ElectronResources.describe(resources),
                    spec.dispatchId(), spec.nodeId(), settings.ecsClusterName(), settings.region(), resultAt.toString(),
                    settings.ecsTaskLogGroupName(), TaskDefinitionSpec.logStream(taskArn));
        });
    }

    /** The spec inline in the container's environment when it fits RunTask's overrides, else written to S3 and named there. */
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
        S3Location specAt = staging.object(spec, "spec.json");
        s3.put(specAt, json);
        return Map.of(Wire.ENV_SPEC_URI, specAt.toString());
    }

    /** Same dispatch, node and attempt, same token: ECS starts the task once however often RunTask is retried. */
    static String clientToken(TaskSpec spec) {
        return Hashes.sha256Hex(spec.dispatchId() + "\n" + spec.nodeId() + "\n" + spec.attempt()).substring(0, 48);
    }

    @Override
    public CompletableFuture<TaskOutcome> await(TaskModeHandle handle) {
        return poller.whenStopped(handle.taskArn()).thenApplyAsync(seen -> {
            forgetImageIfUnpullable(seen);
            Map<String, String> details = StoppedTaskReport.details(handle.details(), seen);
            if (seen.task() != null) {
                details.putAll(TaskCost.details(seen.task(), settings.size(), settings.prices(),
                        settings.assignPublicIp() ? settings.publicIpv4HourPrice() : null));
            }
            Optional<byte[]> result = Optional.ofNullable(handle.resultUri()).flatMap(uri -> s3.get(S3Location.parse(uri)));
            return StoppedTaskReport.outcome(Objects.requireNonNullElse(handle.dispatchId(), "unknown"),
                    Objects.requireNonNullElse(handle.nodeId(), "unknown"), details, result,
                    () -> logs(handle, StoppedTaskReport.LOG_LINES));
        }, threads);
    }

    /** The registry lost the image behind the cache_dir marker (lifecycle rule, destroy + deploy): forget it. */
    private void forgetImageIfUnpullable(TaskPoller.Observation seen) {
        if (seen.task() != null && String.valueOf(seen.task().stoppedReason()).contains("CannotPullContainerError")) {
            seen.task().containers().forEach(c -> images.forgetUnpullable(ImageMarkers.tagOf(String.valueOf(c.image()))));
        }
    }

    @Override
    public CompletableFuture<Void> cancel(TaskModeHandle handle) {
        return CompletableFuture.runAsync(() -> ecs.stopTask(handle.taskArn(), "Cancelled by ecs-lattice"), threads);
    }

    /** StopTask with a reason that names the limit, so the task's stoppedReason says why it stopped. */
    @Override
    public CompletableFuture<Void> stopForTimeout(TaskModeHandle handle, Duration limit) {
        return CompletableFuture.runAsync(() -> ecs.stopTask(handle.taskArn(), timeoutReason(limit)), threads);
    }

    static String timeoutReason(Duration limit) {
        return "Timeout: the electron ran longer than its limit of " + limit.toMillis() + " ms (ecs-lattice)";
    }

    @Override
    public List<String> logs(TaskModeHandle handle, int maxLines) {
        String group = Objects.requireNonNullElse(handle.logGroup(), settings.ecsTaskLogGroupName());
        String stream = Objects.requireNonNullElseGet(handle.logStream(), () -> TaskDefinitionSpec.logStream(handle.taskArn()));
        return logs.lastLines(group, stream, maxLines);
    }

    @Override
    public void close() {
        poller.close();
    }
}
