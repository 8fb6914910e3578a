package io.ecslattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.executor.ecs.AwsCallCounter;
import io.ecslattice.executor.ecs.EcsSettingsTable;
import io.ecslattice.executor.ecs.FargatePrices;
import io.ecslattice.executor.ecs.FargateSize;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The baseline: a client that makes the AWS calls the Covalent ECS plugin (AgnostiqHQ/covalent-ecs-plugin,
 * {@code ECSExecutor.run}) makes per electron, run here on a chain of {@code n} no-op electrons in a
 * {@link PoolRegion}, one after another as a chain runs. Per electron, as the plugin does:
 * STS GetCallerIdentity ({@code _validate_credentials}); S3 PutObject of the function ({@code upload_file}, one call
 * under the multipart threshold); ECS RegisterTaskDefinition of a family of its own ({@code <dispatch>-<node>}) with
 * the function's S3 key in the container environment; RunTask ({@code count=1}, no client token); then at once and
 * every {@code poll_freq} seconds ListTasks of that family with desiredStatus STOPPED, and DescribeTasks of what it
 * lists (nothing until the task stopped: the plugin describes only a non-empty page); then S3 HeadObject and
 * GetObject of the result ({@code download_file}). Unlike the plugin, the container is our task image (the task-mode
 * row's) running {@link BenchElectrons#next} from a task spec in S3 instead of a pickled Python function, so the
 * containers are real and do the same work as our rows; and the task definition's cpu is 256 (the plugin sends
 * {@code str(int(vcpu))}, "0" for 0.25 vCPU, which AWS rejects).
 *
 * <pre>CovalentBaseline &lt;name&gt; &lt;n&gt; &lt;out.json&gt; &lt;timeout-seconds&gt; &lt;image&gt; &lt;poll-freq-seconds&gt; &lt;stack-outputs.json&gt;</pre>
 */
public final class CovalentBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FargateSize SIZE = new FargateSize(256, 512);
    /** The ECS executor's default prices (us-east-1, on demand, X86_64). */
    private static final FargatePrices PRICES = new FargatePrices(EcsSettingsTable.FARGATE_VCPU_HOUR_PRICE.defaultValue(),
            EcsSettingsTable.FARGATE_GB_HOUR_PRICE.defaultValue());

    private CovalentBaseline() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[3]));
        String image = args[4];
        Duration pollFreq = Duration.ofMillis((long) (Double.parseDouble(args[5]) * 1000));
        Map<String, String> outputs = PoolRegion.outputs(Path.of(args[6]));
        AwsCallCounter calls = AwsCallCounter.create();
        ClientOverrideConfiguration counted = ClientOverrideConfiguration.builder().addExecutionInterceptor(calls).build();
        TaskSideCalls taskCalls = TaskSideCalls.fromEnvironment();
        try (StsClient sts = StsClient.builder().overrideConfiguration(counted).build();
             S3Client s3 = S3Client.builder().overrideConfiguration(counted).forcePathStyle(true).build();
             EcsClient ecs = EcsClient.builder().overrideConfiguration(counted).build()) {
            Plugin plugin = new Plugin(sts, s3, ecs, outputs, image, pollFreq);
            String cluster = outputs.get("EcsClusterName");
            RowCost cost = new RowCost(cluster);
            Set<String> before = cost.taskArns();
            Map<String, Long> tasksBefore = taskCalls.snapshot();
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            String dispatchId = "covalent-" + Long.toString(System.currentTimeMillis(), 36);
            List<Double> overheads = new ArrayList<>();
            int value = 0;
            for (int node = 0; node < n; node++) {
                long ready = System.nanoTime();
                value = plugin.run(dispatchId, String.valueOf(node), value, deadline);
                overheads.add((System.nanoTime() - ready) / 1e6);
            }
            if (value != n) {
                throw new IllegalStateException(name + " ended with " + value + ", not " + n);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuBefore) / 1e9;
            Map<String, Double> perElectron = new TreeMap<>();
            calls.calls().forEach((op, c) -> perElectron.put(op, c / (double) n));
            RowCost.Estimate estimate = cost.since(before, SIZE, PRICES, Duration.ZERO);
            ElectronFigures figures = new ElectronFigures(PoolBenchRun.percentile(overheads, 50),
                    PoolBenchRun.percentile(overheads, 90), n / wall, TaskSideCalls.per(tasksBefore, taskCalls.snapshot(), n),
                    estimate.usd(), estimate.tasks());
            BenchRow row = new BenchRow(name, "containers", n, wall, null, null, perElectron, calls.retries(), cpu, null,
                    null, null, null, null, calls.count("ecs:RegisterTaskDefinition"), null,
                    "Covalent ECS plugin's calls per electron, poll_freq=" + pollFreq.toMillis() / 1000.0
                            + " s as our task-mode row; overhead: the plugin's run() from start to the result read",
                    image, null, figures);
            JSON.writeValue(out.toFile(), row);
        }
        System.exit(0);
    }

    /** The plugin's {@code ECSExecutor.run} for one electron, call for call. */
    private record Plugin(StsClient sts, S3Client s3, EcsClient ecs, Map<String, String> outputs, String image,
                          Duration pollFreq) {

        int run(String dispatchId, String nodeId, int argument, long deadline) throws Exception {
            String bucket = outputs.get("S3BucketName");
            String cluster = outputs.get("EcsClusterName");
            String family = dispatchId + "-" + nodeId;
            String functionKey = Keys.segment("func-" + dispatchId + "-" + nodeId + ".json");
            String resultKey = Keys.segment("result-" + dispatchId + "-" + nodeId + ".json");
            String account = sts.getCallerIdentity().account();
            TaskSpec spec = new TaskSpec(Wire.VERSION, dispatchId, nodeId, 1, BenchElectrons.class.getName(), "next",
                    List.of("int"), List.of(JSON.valueToTree(argument)), Keys.s3Uri(bucket, resultKey));
            s3.putObject(b -> b.bucket(bucket).key(functionKey), RequestBody.fromBytes(Wire.mapper().writeValueAsBytes(spec)));
            ecs.registerTaskDefinition(b -> b.family(family)
                    .taskRoleArn(outputs.get("EcsTaskRoleName"))
                    .executionRoleArn("arn:aws:iam::" + account + ":role/" + outputs.get("EcsTaskExecutionRoleName"))
                    .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                    .cpu(String.valueOf(SIZE.cpuUnits())).memory(String.valueOf(SIZE.memoryMiB()))
                    .containerDefinitions(ContainerDefinition.builder()
                            .name("covalent-task-" + dispatchId + "-" + nodeId).image(image).essential(true)
                            .memory(SIZE.memoryMiB())   // moto's RunTask needs a container memory (AWS does not)
                            .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                                    "awslogs-region", outputs.get("Region"), "awslogs-group", outputs.get("EcsTaskLogGroupName"),
                                    "awslogs-create-group", "true", "awslogs-stream-prefix", "covalent-fargate")))
                            .environment(KeyValuePair.builder().name("S3_BUCKET_NAME").value(bucket).build(),
                                    KeyValuePair.builder().name(Wire.ENV_SPEC_URI).value(Keys.s3Uri(bucket, functionKey)).build())
                            .build()));
            String taskArn = ecs.runTask(b -> b.taskDefinition(family).launchType(LaunchType.FARGATE).cluster(cluster).count(1)
                    .networkConfiguration(c -> c.awsvpcConfiguration(v -> v.subnets(PoolRegion.subnets(outputs).get(0))
                            .securityGroups(outputs.get("EcsTaskSecurityGroupId")).assignPublicIp(AssignPublicIp.ENABLED))))
                    .tasks().get(0).taskArn();
            Task stopped = status(cluster, family, taskArn);
            while (stopped == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("task " + taskArn + " of " + family + " did not stop in time");
                }
                Thread.sleep(pollFreq.toMillis());
                stopped = status(cluster, family, taskArn);
            }
            Integer exitCode = stopped.containers().isEmpty() ? null : stopped.containers().get(0).exitCode();
            if (exitCode == null || exitCode != 0) {
                throw new IllegalStateException("Task failed with exit code " + exitCode + ": " + stopped.stoppedReason());
            }
            s3.headObject(b -> b.bucket(bucket).key(resultKey));
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(resultKey)).asByteArray();
            TaskResult result = Wire.mapper().readValue(bytes, TaskResult.class);
            JsonNode value = result.value();
            if (value == null) {
                throw new IllegalStateException("electron " + nodeId + " failed: " + result.error());
            }
            return value.asInt();
        }

        /** The plugin's {@code get_status}: the stopped task of the family, or null while it has not stopped. */
        private Task status(String cluster, String family, String taskArn) {
            for (var page : ecs.listTasksPaginator(b -> b.cluster(cluster).family(family).desiredStatus(DesiredStatus.STOPPED))) {
                if (page.taskArns().isEmpty()) {
                    break;
                }
                for (Task task : ecs.describeTasks(b -> b.cluster(cluster).tasks(page.taskArns())).tasks()) {
                    if (task.taskArn().equals(taskArn) && "STOPPED".equals(task.lastStatus())) {
                        return task;
                    }
                }
            }
            return null;
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
