package io.ecslattice.localcloud.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.ecslattice.taskrunner.S3Location;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fargate without containers, so a client can be measured with more tasks in flight than this
 * machine could run: every task is claimed and marked RUNNING and held until no new task has arrived
 * for {@code settle} (so a whole fan-out is in flight at once). With {@code holdAtLeast} set, the first
 * {@code holdAtLeast} tasks are held until all of them are (a slow client's pauses do not end the
 * round early; only ten times {@code settle} of quiet does). Held tasks are then completed as the
 * benchmark's no-op
 * electron would complete it: the task runner's result (the electron's first argument returned as
 * its value) written to the spec's {@code resultUri}, and the task stopped with exit code 0.
 */
final class SimulatedFargate {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFargate.class);
    private static final String SPEC_ENV = Wire.ENV_SPEC;
    private static final String SPEC_URI_ENV = Wire.ENV_SPEC_URI;

    private final EcsControlPlane ecs;
    private final TaskControl control;
    private final S3Client s3;
    private final Duration settle;
    private final int holdAtLeast;
    private final Clock clock;
    private final ExecutorService workers;
    private final Map<String, Task> held = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private Instant lastArrival = Instant.EPOCH;
    private long completed;

    SimulatedFargate(EcsControlPlane ecs, TaskControl control, S3Client s3, Duration settle, int holdAtLeast,
                     Clock clock, ExecutorService workers) {
        this.ecs = ecs;
        this.control = control;
        this.s3 = s3;
        this.settle = settle;
        this.holdAtLeast = holdAtLeast;
        this.clock = clock;
        this.workers = workers;
    }

    /** One look at ECS: hold new tasks, drop tasks a client stopped, complete the held ones once settled. */
    void poll() throws InterruptedException {
        Set<String> wanted = new HashSet<>();
        for (String cluster : ecs.clusterArns()) {
            List<String> arns = ecs.tasksWantingToRun(cluster);
            wanted.addAll(arns);
            List<String> fresh = arns.stream().filter(arn -> !seen.contains(arn)).toList();
            if (!fresh.isEmpty()) {
                // Seen only once described: a failed DescribeTasks leaves them for the next poll.
                claim(ecs.describe(cluster, fresh));
                seen.addAll(fresh);
            }
        }
        for (String arn : held.keySet().stream().filter(arn -> !wanted.contains(arn)).toList()) {
            held.remove(arn);
            // StopTask sends SIGTERM to a real container; 143 is what the JVM then exits with.
            control.stopped(arn, "UserInitiated", "Task stopped by user", 143, null);
        }
        Duration quiet = Duration.between(lastArrival, clock.instant());
        long stillToHold = holdAtLeast - completed;
        boolean due = stillToHold > 0
                ? held.size() >= stillToHold || quiet.compareTo(settle.multipliedBy(10)) >= 0
                : quiet.compareTo(settle) >= 0;
        if (!held.isEmpty() && due) {
            completeHeld();
        }
    }

    private void claim(List<Task> tasks) throws InterruptedException {
        List<Future<?>> claims = new ArrayList<>();
        for (Task task : tasks) {
            if (!"PROVISIONING".equals(task.lastStatus())) {
                continue;
            }
            held.put(task.taskArn(), task);
            claims.add(workers.submit(() -> {
                if (control.claim(task.taskArn())) {
                    control.running(task.taskArn(), "simulated");
                }
            }));
        }
        await(claims);
        if (!claims.isEmpty()) {
            lastArrival = clock.instant();
            LOG.info("simulated: {} tasks running", held.size());
        }
    }

    private void completeHeld() throws InterruptedException {
        List<Future<?>> completions = new ArrayList<>();
        for (Task task : held.values()) {
            completions.add(workers.submit(() -> complete(task)));
        }
        await(completions);
        LOG.info("simulated: {} tasks completed", held.size());
        completed += held.size();
        held.clear();
    }

    private void complete(Task task) {
        try {
            TaskSpec spec = spec(task);
            Instant now = clock.instant();
            JsonNode value = spec.arguments().isEmpty() ? NullNode.getInstance() : spec.arguments().get(0);
            TaskResult result = new TaskResult(Wire.VERSION, spec.dispatchId(), spec.nodeId(), value, null, "", "", now, now);
            S3Location location = S3Location.parse(spec.resultUri());
            s3.putObject(b -> b.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                    RequestBody.fromBytes(Wire.mapper().writeValueAsBytes(result)));
            control.stopped(task.taskArn(), "EssentialContainerExited", "Essential container in task exited", 0, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("simulated task {} cannot complete: {}", task.taskArn(), e.getMessage());
            control.stopped(task.taskArn(), "EssentialContainerExited", "Essential container in task exited", 2,
                    "simulated agent: " + e.getMessage());
        }
    }

    /** The task spec as the task runner reads it: inline in the environment, or from S3 by its URI. */
    private TaskSpec spec(Task task) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        if (task.overrides() != null) {
            task.overrides().containerOverrides().forEach(o -> o.environment()
                    .forEach((KeyValuePair pair) -> environment.put(pair.name(), pair.value())));
        }
        String inline = environment.get(SPEC_ENV);
        if (inline != null) {
            return Wire.mapper().readValue(inline, TaskSpec.class);
        }
        String uri = Optional.ofNullable(environment.get(SPEC_URI_ENV)).orElseThrow(() -> new IllegalStateException(
                "task has neither " + SPEC_ENV + " nor " + SPEC_URI_ENV + " in its container overrides"));
        S3Location location = S3Location.parse(uri);
        return Wire.mapper().readValue(s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()))
                .asByteArray(), TaskSpec.class);
    }

    private static void await(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                LOG.warn("simulated agent step failed: {}", e.getCause().toString());
            }
        }
    }
}
