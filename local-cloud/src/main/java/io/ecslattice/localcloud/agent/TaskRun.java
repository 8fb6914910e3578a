package io.ecslattice.localcloud.agent;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One task's life on the local Fargate: pull, create, start, ship logs, wait, report, remove. Every
 * way it can end is reported to ECS with the stopCode and reason Fargate would give.
 */
public final class TaskRun implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);
    private static final Duration LOG_DRAIN = Duration.ofSeconds(10);
    private final TaskLaunch launch;
    private final String image;
    private final ContainerRuntime runtime;
    private final CloudWatchLogsClient logs;
    private final TaskControl control;
    private final LogFlusher flusher;
    private final TaskSecrets secrets;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile String containerId;
    private volatile boolean exited;

    public TaskRun(TaskLaunch launch, String image, ContainerRuntime runtime, CloudWatchLogsClient logs,
                   TaskControl control, LogFlusher flusher, TaskSecrets secrets) {
        this.secrets = secrets;
        this.launch = launch;
        this.image = image;
        this.runtime = runtime;
        this.logs = logs;
        this.control = control;
        this.flusher = flusher;
    }

    public String taskArn() {
        return launch.taskArn();
    }

    /** Called when the client asked ECS to stop the task: kills the container as ECS would. */
    public void requestStop() {
        stopRequested.countDown();
        String id = containerId;
        if (id != null && !exited) {
            LOG.info("stopping {} (container {}) on request", launch.taskArn(), id);
            runtime.stop(id, launch.stopTimeout());
        }
    }

    @Override
    public void run() {
        try {
            runTask();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while running {}; its container is left for the next agent", launch.taskArn());
        } catch (RuntimeException e) {
            LOG.error("task {} failed in the agent", launch.taskArn(), e);
            failToStart("CannotStartContainerError: " + e.getMessage());
            removeContainer();
        }
    }

    private void runTask() throws InterruptedException {
        long claimed = System.nanoTime();
        // ECS fetches secrets (and registry auth) with the execution role before it pulls the image.
        TaskLaunch launch;
        try {
            launch = this.launch.withSecretValues(secrets.resolve(this.launch.secrets()));
        } catch (TaskSecrets.SecretUnavailableException e) {
            LOG.info("task {}: {}", this.launch.taskArn(), e.getMessage());
            failToStart(e.getMessage());
            return;
        }
        String wanted = Platforms.imageArchitecture(launch.cpuArchitecture());
        String actual;
        try {
            runtime.pull(image, wanted);
            actual = runtime.architecture(image);
        } catch (RuntimeException e) {
            String reason = "CannotPullContainerError: pull image manifest: " + image + ": " + e.getMessage();
            LOG.info("task {}: {}", launch.taskArn(), reason);
            failToStart(reason);
            return;
        }
        // Fargate runs a task on hosts of its definition's cpuArchitecture and pulls that platform's image: an
        // image of another platform never starts (or dies with "exec format error"). Refuse it as a failed start.
        if (!wanted.equals(actual)) {
            String reason = "CannotPullContainerError: image Manifest does not contain descriptor matching platform 'linux/"
                    + wanted + "': " + image + " is linux/" + actual + ", the task definition's cpuArchitecture is "
                    + launch.cpuArchitecture();
            LOG.info("task {}: {}", launch.taskArn(), reason);
            failToStart(reason);
            return;
        }
        String emulated = wanted.equals(Platforms.host()) ? null : wanted;
        if (emulated != null && !Platforms.canEmulate(emulated)) {
            String reason = "CannotStartContainerError: the local cloud runs linux/" + Platforms.host() + " containers; this "
                    + launch.cpuArchitecture() + " task's linux/" + emulated + " image needs emulation: install Debian's"
                    + " qemu-user-static (Fargate runs it on " + launch.cpuArchitecture() + " hosts)";
            LOG.info("task {}: {}", launch.taskArn(), reason);
            failToStart(reason);
            return;
        }
        Optional<LogShipper> shipper;
        try {
            shipper = launch.logs().map(destination -> LogShipper.open(logs, destination));
        } catch (LogShipper.LogGroupMissingException e) {
            failToStart(e.getMessage());
            return;
        }
        if (stopRequested.getCount() == 0) {
            control.stopped(launch.taskArn(), "UserInitiated", "Task stopped before it started", null, null);
            return;
        }
        long pulled = System.nanoTime();
        containerId = runtime.create(launch, image, emulated);
        runtime.start(containerId);
        control.running(launch.taskArn(), containerId);
        LOG.info("task {} running in container {} (pull {} ms, create and start {} ms)", launch.taskArn(),
                containerId.substring(0, 12), (pulled - claimed) / 1_000_000, (System.nanoTime() - pulled) / 1_000_000);
        if (stopRequested.getCount() == 0) {
            runtime.stop(containerId, launch.stopTimeout());
        }
        followToExit(shipper, Instant.EPOCH);
    }

    /**
     * Picks up a container an earlier agent run started: ships the lines that run had not shipped,
     * follows it to its exit and reports. A container created but never started is removed and the
     * task fails to start, as its start was never reported. A container it cannot follow (gone, engine
     * error) stops the task with the reason, so the task never stays RUNNING with nobody watching it.
     */
    public void adopt(String id) {
        containerId = id;
        try {
            if ("created".equals(runtime.state(id).getStatus())) {
                failToStart("ResourceInitializationError: the local agent restarted before the container started");
                removeContainer();
                return;
            }
            Optional<LogShipper> shipper = launch.logs().map(destination -> LogShipper.open(logs, destination));
            followToExit(shipper, shipper.map(LogShipper::lastShipped).orElse(Instant.EPOCH));
        } catch (RuntimeException e) {
            String reason = "the local agent restarted and could not follow container " + id.substring(0, Math.min(12, id.length()))
                    + ": " + e;
            LOG.error("task {}: {}", launch.taskArn(), reason, e);
            control.stopped(launch.taskArn(), "EssentialContainerExited", reason, null, reason);
            removeContainer();
        }
    }

    /** Ships lines stamped after `shippedUntil` while the container runs, then reports its exit. */
    private void followToExit(Optional<LogShipper> shipper, Instant shippedUntil) {
        shipper.ifPresent(flusher::register);
        try (var follow = runtime.followLogs(containerId, shippedUntil, (time, line) -> {
            if (time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).isAfter(shippedUntil)) {
                shipper.ifPresent(s -> s.add(time, line));
            }
        })) {
            int exitCode = runtime.awaitExit(containerId);
            exited = true;
            // the engine ends the log stream just after the container exits; wait for it, bounded
            if (!follow.awaitCompletion(LOG_DRAIN.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("log stream of {} did not end within {}", containerId, LOG_DRAIN);
            }
            shipper.ifPresent(LogShipper::flush);
            InspectContainerResponse.ContainerState state = runtime.state(containerId);
            String containerReason = Boolean.TRUE.equals(state.getOOMKilled())
                    ? "OutOfMemoryError: Container killed due to memory usage" : null;
            control.stopped(launch.taskArn(), "EssentialContainerExited", "Essential container in task exited",
                    exitCode, containerReason);
            LOG.info("task {} stopped, exit code {}", launch.taskArn(), exitCode);
        } catch (IOException e) {
            throw new IllegalStateException("following the logs of " + containerId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the logs of " + containerId, e);
        } finally {
            shipper.ifPresent(flusher::unregister);
            removeContainer();
        }
    }

    private void failToStart(String reason) {
        control.stopped(launch.taskArn(), "TaskFailedToStart", reason, null, reason);
    }

    private void removeContainer() {
        String id = containerId;
        if (id != null) {
            try {
                runtime.remove(id);
            } catch (RuntimeException e) {
                LOG.warn("could not remove container {} of {}: {}", id, launch.taskArn(), e.getMessage());
            }
        }
    }
}
