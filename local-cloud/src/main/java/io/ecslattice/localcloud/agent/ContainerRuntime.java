package io.ecslattice.localcloud.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** The agent's Docker engine: pull, run, follow, stop and remove task containers. */
public final class ContainerRuntime implements Closeable {
    /** Label on every task container: the task's ARN, so a restarted agent finds its containers. */
    public static final String TASK_ARN_LABEL = "io.ecslattice.local-cloud.task-arn";
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
    private static final int PULL_ATTEMPTS = 3;
    private final DockerClient docker;

    public ContainerRuntime(URI dockerHost) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost.toString()).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .maxConnections(512).connectionTimeout(Duration.ofSeconds(5)).build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /**
     * Pulls the image, trying again twice on connection faults (as Fargate retries pulls); a missing
     * image fails at once. The exception's message is the registry's or engine's own words. An image of another
     * architecture than asked (a single-platform manifest) is pulled all the same; see {@link #architecture}.
     */
    public void pull(String reference, String architecture) throws InterruptedException {
        ImageReference ref = ImageReference.parse(reference);
        for (int attempt = 1; ; attempt++) {
            try {
                // A multi-platform image gives the variant of the task's architecture, as Fargate pulls it.
                if (!docker.pullImageCmd(ref.repository()).withTag(ref.tagOrDigest()).withPlatform("linux/" + architecture)
                        .exec(new PullImageResultCallback()).awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("pull of " + reference + " took longer than " + PULL_TIMEOUT);
                }
                return;
            } catch (DockerException notThere) {
                throw notThere;
            } catch (RuntimeException fault) {
                if (attempt == PULL_ATTEMPTS) {
                    throw fault;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    /** The architecture (amd64, arm64) the pulled image's config names. */
    public String architecture(String image) {
        return docker.inspectImageCmd(image).exec().getArch();
    }

    /** Creates (not starts) the task's container with host networking and the task's limits. */
    public String create(TaskLaunch launch, String image) {
        return create(launch, image, null);
    }

    /** As {@link #create(TaskLaunch, String)}, for an image of {@code emulatedArchitecture} (null: the host's). */
    public String create(TaskLaunch launch, String image, String emulatedArchitecture) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("host");
        if (launch.memoryMiB() > 0) {
            host.withMemory(launch.memoryMiB() * 1024L * 1024L);
        }
        if (launch.cpuUnits() > 0) {
            host.withNanoCPUs(launch.cpuUnits() * 1_000_000_000L / 1024);
        }
        CreateContainerCmd create = docker.createContainerCmd(image)
                .withName("ecs-" + launch.taskId())
                .withHostConfig(host)
                .withLabels(Map.of(TASK_ARN_LABEL, launch.taskArn()))
                .withEnv(launch.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (emulatedArchitecture != null) {
            create.withPlatform("linux/" + emulatedArchitecture);
        }
        if (!launch.entryPoint().isEmpty()) {
            create.withEntrypoint(launch.entryPoint());
        }
        if (!launch.command().isEmpty()) {
            create.withCmd(launch.command());
        }
        if (launch.workingDirectory() != null) {
            create.withWorkingDir(launch.workingDirectory());
        }
        if (launch.user() != null) {
            create.withUser(launch.user());
        }
        return create.exec().getId();
    }

    public void start(String containerId) {
        docker.startContainerCmd(containerId).exec();
    }

    /**
     * Follows the container's output from `since` until it exits, handing each line with the time
     * the engine stamped on it. Close the returned handle to stop following early.
     */
    public ResultCallback.Adapter<Frame> followLogs(String containerId, Instant since, BiConsumer<Instant, String> lines) {
        return docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withTimestamps(true).withSince((int) since.getEpochSecond())
                .exec(new LogLines(lines));
    }

    /** Blocks until the container exits and returns its exit code. */
    public int awaitExit(String containerId) {
        return docker.waitContainerCmd(containerId).exec(new WaitContainerResultCallback()).awaitStatusCode();
    }

    public InspectContainerResponse.ContainerState state(String containerId) {
        return docker.inspectContainerCmd(containerId).exec().getState();
    }

    /** Sends SIGTERM, then SIGKILL after the grace period (what ECS does on StopTask). */
    public void stop(String containerId, Duration grace) {
        try {
            docker.stopContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec();
        } catch (NotModifiedException | NotFoundException alreadyGone) {
            // exited on its own meanwhile
        }
    }

    public void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed already
        }
    }

    /** Task containers left by an earlier agent run, running or exited. */
    public List<Container> taskContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(TASK_ARN_LABEL)).exec();
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }

    /**
     * Splits the engine's frames into lines; each line starts with its RFC 3339 timestamp. Output stays bytes
     * until a line ends, in one buffer per stream (as Testcontainers' FrameConsumerResultCallback does): a
     * character split across two frames survives, and a stderr line never lands inside an unfinished
     * stdout line.
     */
    static final class LogLines extends ResultCallback.Adapter<Frame> {
        private final BiConsumer<Instant, String> lines;
        private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);

        LogLines(BiConsumer<Instant, String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            ByteArrayOutputStream buffer = partial.computeIfAbsent(frame.getStreamType(), type -> new ByteArrayOutputStream());
            byte[] payload = frame.getPayload();
            int from = 0;
            for (int i = 0; i < payload.length; i++) {
                if (payload[i] == '\n') {
                    buffer.write(payload, from, i - from);
                    emit(buffer);
                    from = i + 1;
                }
            }
            buffer.write(payload, from, payload.length - from);
        }

        @Override
        public synchronized void onComplete() {
            partial.values().stream().filter(buffer -> buffer.size() > 0).forEach(this::emit);
            super.onComplete();
        }

        private void emit(ByteArrayOutputStream buffer) {
            String stampedLine = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            int space = stampedLine.indexOf(' ');
            Instant time;
            String text;
            try {
                time = Instant.parse(stampedLine.substring(0, Math.max(space, 0)));
                text = stampedLine.substring(space + 1);
            } catch (RuntimeException notStamped) {
                time = Instant.now();
                text = stampedLine;
            }
            lines.accept(time, text);
        }
    }

    /** repository plus tag or digest, as the engine's pull API wants them apart. */
    record ImageReference(String repository, String tagOrDigest) {
        static ImageReference parse(String reference) {
            int at = reference.indexOf('@');
            if (at >= 0) {
                return new ImageReference(reference.substring(0, at), reference.substring(at + 1));
            }
            int colon = reference.lastIndexOf(':');
            if (colon > reference.lastIndexOf('/')) {
                return new ImageReference(reference.substring(0, colon), reference.substring(colon + 1));
            }
            return new ImageReference(reference, "latest");
        }
    }
}
