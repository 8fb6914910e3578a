package io.ecslattice.localcloud.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ecs.model.Task;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local ECS agent: plays Fargate's data plane for moto's ECS. It polls every cluster for tasks
 * that want to run, starts at most `--max-running` of them as containers (the rest wait PROVISIONING),
 * kills the containers of tasks a client stopped, and reports every end through the control endpoint.
 */
public final class LocalEcsAgent {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEcsAgent.class);
    private final AgentOptions options;
    private final EcsControlPlane ecs;
    private final ContainerRuntime runtime;
    private final TaskControl control;
    private final TaskRunFactory runs;
    private final StartedTasks started;
    private final LogFlusher flusher = new LogFlusher();
    private final ExecutorService workers;
    private final Map<String, TaskRun> active = new ConcurrentHashMap<>();
    private final Deque<Task> waiting = new ArrayDeque<>();
    private final Set<String> waitingArns = new HashSet<>();

    LocalEcsAgent(AgentOptions options, EcsClient ecsClient, CloudWatchLogsClient logs, ContainerRuntime runtime,
                  TaskSecrets secrets) {
        this.options = options;
        this.ecs = new EcsControlPlane(ecsClient);
        this.runtime = runtime;
        this.control = new TaskControl(options.endpoint());
        this.started = new StartedTasks(options.stateDir().resolve("agent-started-tasks"));
        this.workers = Executors.newFixedThreadPool(options.maxRunning());
        LaunchPlanner planner = new LaunchPlanner(options.stopTimeout(), Map.of(
                "AWS_ENDPOINT_URL", options.taskEndpoint().toString(),
                "AWS_REGION", options.region(),
                "AWS_DEFAULT_REGION", options.region(),
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing"));
        this.runs = new TaskRunFactory(ecs, planner, new ImageMapping(options.registry()), runtime, logs, control,
                flusher, secrets);
    }

    public static void main(String[] args) throws Exception {
        AgentOptions options = AgentOptions.parse(args);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        Region region = Region.of(options.region());
        try (EcsClient ecs = EcsClient.builder().endpointOverride(options.endpoint()).region(region)
                     .credentialsProvider(credentials).build();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(options.endpoint())
                     .region(region).credentialsProvider(credentials).build();
             SecretsManagerClient secretsManager = SecretsManagerClient.builder().endpointOverride(options.endpoint())
                     .region(region).credentialsProvider(credentials).build();
             SsmClient ssm = SsmClient.builder().endpointOverride(options.endpoint())
                     .region(region).credentialsProvider(credentials).build();
             ContainerRuntime runtime = new ContainerRuntime(options.dockerHost())) {
            new LocalEcsAgent(options, ecs, logs, runtime,
                    new TaskSecrets(new SecretsManagerValues(secretsManager), new SsmParameterValues(ssm))).run();
        }
    }

    void run() throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleWithFixedDelay(flusher, 250, 250, TimeUnit.MILLISECONDS);
        recover();
        LOG.info("agent up: {} at most {} tasks at once, engine {}", options.endpoint(), options.maxRunning(),
                options.dockerHost());
        boolean ready = false;
        long change = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                poll();
                if (!ready) {
                    Files.writeString(options.readyFile(), Instant.now() + "\n");
                    ready = true;
                }
            } catch (RuntimeException e) {
                LOG.warn("poll failed, retrying: {}", e.getMessage());
            }
            change = control.awaitChange(change, options.pollPeriod()); // wakes early on RunTask/StopTask
        }
    }

    /** One look at ECS: queue new tasks, stop the ones clients stopped, start what capacity allows. */
    private void poll() {
        Set<String> wanted = new HashSet<>();
        for (String cluster : ecs.clusterArns()) {
            List<String> arns = ecs.tasksWantingToRun(cluster);
            wanted.addAll(arns);
            List<String> fresh = arns.stream()
                    .filter(a -> !active.containsKey(a) && !waitingArns.contains(a) && !started.contains(a)).toList();
            if (!fresh.isEmpty()) {
                ecs.describe(cluster, fresh).stream()
                        .filter(t -> "PROVISIONING".equals(t.lastStatus()))
                        .forEach(t -> {
                            waiting.add(t);
                            waitingArns.add(t.taskArn());
                        });
            }
        }
        // A task of ours no longer wanting to run was stopped by a client (desiredStatus STOPPED).
        active.values().stream().filter(run -> !wanted.contains(run.taskArn())).forEach(TaskRun::requestStop);
        waiting.removeIf(t -> !wanted.contains(t.taskArn()) && waitingArns.remove(t.taskArn()));
        while (active.size() < options.maxRunning() && !waiting.isEmpty()) {
            Task task = waiting.poll();
            waitingArns.remove(task.taskArn());
            launch(task);
        }
    }

    private void launch(Task task) {
        if (!control.claim(task.taskArn())) {
            return; // stopped or claimed meanwhile
        }
        if (!started.add(task.taskArn())) {
            return;
        }
        TaskRun run;
        try {
            run = runs.create(task);
        } catch (RuntimeException e) {
            LOG.warn("cannot plan {}: {}", task.taskArn(), e.getMessage());
            control.stopped(task.taskArn(), "TaskFailedToStart", "CannotStartContainerError: " + e.getMessage(),
                    null, e.getMessage());
            return;
        }
        submit(task.taskArn(), run, run);
    }

    /** Adopts what an earlier agent run left running; fails what it claimed but never started. */
    private void recover() {
        AgentRecovery recovery = new AgentRecovery(ecs, runtime, control, started);
        Map<String, String> adopt = recovery.containersToAdopt();
        for (Map.Entry<String, String> entry : adopt.entrySet()) {
            String taskArn = entry.getKey();
            Task task = ecs.describe(clusterOf(taskArn), List.of(taskArn)).get(0);
            started.add(taskArn);
            TaskRun run = runs.create(task);
            LOG.info("adopting container {} of {}", entry.getValue(), taskArn);
            submit(taskArn, () -> run.adopt(entry.getValue()), run);
        }
        recovery.failClaimedWithoutContainer(adopt);
    }

    private void submit(String taskArn, Runnable work, TaskRun run) {
        active.put(taskArn, run);
        workers.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                // TaskRun reports its own failures; anything else escaping must not vanish with a dropped future.
                LOG.error("task {}: the agent stopped following it after an unexpected error", taskArn, e);
            } finally {
                active.remove(taskArn);
            }
        });
    }

    private static String clusterOf(String taskArn) {
        return taskArn.substring(0, taskArn.lastIndexOf('/')).replace(":task/", ":cluster/");
    }
}
