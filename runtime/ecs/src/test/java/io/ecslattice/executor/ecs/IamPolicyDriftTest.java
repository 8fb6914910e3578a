package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The client policy deployed with the stack grants every AWS operation the executor calls. The calls are
 * recorded by the executors' {@link AwsCallCounter}s: every call made in this JVM so far (the other
 * local-cloud tests) plus a session here that walks every code path (stack read by DescribeStacks,
 * image and task definition, inline and S3 specs, a result, a task without result and its log, cancel)
 * and one that walks the pool's (SQS queues and messages, workers counted and started, a dead letter).
 * The policy is read back from IAM as deployed into moto, and must grant nothing more than those calls (and
 * the two grants {@link #GRANTED_FOR_A_STATED_REASON}). IAM's enforcement itself cannot run here.
 */
@Tag("local-cloud")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class IamPolicyDriftTest {
    /**
     * Operations the SDK counter cannot see. iam:PassRole and ecs:TagResource are checked by IAM on
     * RegisterTaskDefinition/RunTask (roles, tags); the ECR ones are what Jib's registry API calls need
     * when pushing to ECR itself, which the local cloud replaces with its registry (ecr_registry_override).
     */
    static final Set<String> IMPLIED = Set.of("iam:PassRole", "ecs:TagResource", "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage");

    /**
     * Granted though no test path calls them, each for a reason infra's ClientPolicy states: s3:ListBucket
     * makes a missing result object a 404 rather than a 403; ecr:GetDownloadUrlForLayer lets Jib pull a
     * custom base image kept in the stack's repository; sqs:GetQueueUrl finds a pool queue an earlier client
     * created with other attributes (another pool_visibility_seconds), which CreateQueue refuses, and
     * sqs:SetQueueAttributes brings such a queue to this client's attempts and visibility. Anything else
     * granted and never called is drift.
     */
    static final Set<String> GRANTED_FOR_A_STATED_REASON = Set.of("s3:ListBucket", "ecr:GetDownloadUrlForLayer",
            "sqs:GetQueueUrl", "sqs:SetQueueAttributes");

    /**
     * Operations IAM authorizes as another action: SQS batches as their single-message action, and the calls of a
     * multipart upload (a FileRef file over 64 MiB) as s3:PutObject (S3 User Guide, "Multipart upload API and
     * permissions").
     */
    static final Map<String, String> IAM_ACTION_OF_CALL = Map.of("sqs:SendMessageBatch", "sqs:SendMessage",
            "sqs:DeleteMessageBatch", "sqs:DeleteMessage", "sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility",
            "s3:CreateMultipartUpload", "s3:PutObject", "s3:UploadPart", "s3:PutObject", "s3:CompleteMultipartUpload", "s3:PutObject");

    @TempDir
    Path cache;

    @Test
    void clientPolicyGrantsExactlyTheOperationsTheExecutorCalls() throws Exception {
        LocalCloud cloud = LocalCloud.require();
        String taskDefinitionArn = exerciseEveryPath(cloud);
        exercisePoolPaths(cloud);

        Set<String> called = new TreeSet<>();
        AwsCallCounter.processWide().calls().keySet().forEach(op -> called.add(IAM_ACTION_OF_CALL.getOrDefault(op, op)));
        called.addAll(IMPLIED);
        List<JsonNode> statements = deployedClientPolicy(cloud);

        List<String> denied = called.stream().filter(action -> statements.stream().noneMatch(s -> allows(s, action, null))).toList();
        Set<String> granted = new TreeSet<>();
        statements.forEach(s -> strings(s.path("Action")).forEach(granted::add));
        granted.removeIf(g -> called.stream().anyMatch(c -> matches(g, c, true)));
        System.out.println("IAM drift: executor called " + called + "; granted but not called: " + granted
                + "; denied by the deployed policy: " + denied);
        // A stack older than infra/ (moto cannot update stacks) lacks what was added since: a failure that says so, not a
        // skip, which would let a drifted policy pass unseen.
        assertTrue(deployedTemplateIsCurrent(cloud), "the local cloud runs an older EcsLatticeStack than infra/ synthesizes"
                + " (moto cannot update stacks), so its client policy cannot be checked; recreate it with"
                + " make local-cloud-down local-cloud-up deploy-local");
        assertEquals(List.of(), denied, "the client policy lacks operations the executor calls");
        granted.removeAll(GRANTED_FOR_A_STATED_REASON);
        assertEquals(Set.of(), granted, "the client policy grants operations the executor never calls");
        assertTrue(statements.stream().anyMatch(s -> allows(s, "ecs:RunTask", taskDefinitionArn)),
                "no statement allows ecs:RunTask on " + taskDefinitionArn + " (if the policy looks right in infra/,"
                        + " the local cloud runs an older stack: make local-cloud-down local-cloud-up deploy-local)");
    }

    /** Runs one executor through every AWS call it can make; returns the task definition it used. */
    private String exerciseEveryPath(LocalCloud cloud) throws Exception {
        EcsExecutorBuilder builder = cloud.executor(cache).stackOutputsFile(cache.resolve("none.json").toString());
        try (EcsExecutor executor = builder.build()) {
            assertTrue(executor.settings().source("s3_bucket_name").contains("DescribeStacks"));
            String dispatch = UUID.randomUUID().toString();
            TaskContext context = new TaskContext(dispatch, "drift", List.of());
            TaskHandle ok = executor.submit(spec(dispatch, "big", "length", "java.lang.String", "y".repeat(10_000)), context)
                    .get(2, TimeUnit.MINUTES);
            TaskHandle dies = executor.submit(spec(dispatch, "dies", "exitWithoutResult", "int", 4), context)
                    .get(1, TimeUnit.MINUTES);
            TaskHandle cancelled = executor.submit(spec(dispatch, "long", "sleep", "int", 300), context)
                    .get(1, TimeUnit.MINUTES);
            executor.cancel(cancelled).get(1, TimeUnit.MINUTES);
            assertTrue(executor.await(ok).get(2, TimeUnit.MINUTES).result().succeeded());
            assertEquals("4", executor.await(dies).get(2, TimeUnit.MINUTES).details().get("exitCode"));
            executor.await(cancelled).get(2, TimeUnit.MINUTES);
            for (String op : List.of("cloudformation:DescribeStacks", "ecr:DescribeRepositories", "ecs:DescribeTaskDefinition",
                    "ecs:RunTask", "ecs:DescribeTasks", "ecs:StopTask", "s3:PutObject", "s3:GetObject", "logs:GetLogEvents")) {
                assertTrue(executor.awsCalls().count(op) > 0, op + " not exercised: " + executor.awsCalls().calls());
            }
            return executor.taskDefinitionArn(dispatch).orElseThrow();
        }
    }

    /**
     * Runs a pool-mode executor through every AWS call of the pool: queues created on first use, electrons sent,
     * workers counted and started, completions received and deleted, an electron whose worker dies dead-lettered
     * (its workers' logs searched), one cancelled, the completion queue deleted at the dispatch's end, and the
     * pool listed, drained and deleted as {@code ecs-lattice pool} does. An unusual worker size gives this test
     * pool queues of its own, so draining and deleting them touches no other test's pool.
     */
    private void exercisePoolPaths(LocalCloud cloud) throws Exception {
        EcsExecutorBuilder builder = cloud.executor(cache).set("mode", "pool").set("vcpu", "0.5").set("memory", "3")
                .set("pool_max_workers", 2).set("pool_idle_seconds", 10).set("task_max_attempts", 1).set("pool_visibility_seconds", 8);
        try (EcsExecutor executor = builder.build()) {
            String dispatch = UUID.randomUUID().toString();
            TaskContext context = EcsExecutorLocalCloudTest.context(dispatch);
            TaskHandle ok = executor.submit(spec(dispatch, "sq", "square", "int", 3), context).get(2, TimeUnit.MINUTES);
            TaskHandle dies = executor.submit(spec(dispatch, "dies", "exitWithoutResult", "int", 4), context).get(1, TimeUnit.MINUTES);
            TaskHandle cancelled = executor.submit(spec(dispatch, "long", "sleep", "int", 300), context).get(1, TimeUnit.MINUTES);
            executor.cancel(cancelled).get(1, TimeUnit.MINUTES);
            // Only the calls matter here (PoolLocalCloudTest checks the answers): on a loaded machine a worker may be too
            // slow to extend the visibility in time, and with task_max_attempts = 1 its electron is then dead-lettered.
            executor.await(ok).get(3, TimeUnit.MINUTES);
            assertEquals("4", executor.await(dies).get(3, TimeUnit.MINUTES).details().get("exitCode"));
            executor.await(cancelled).get(1, TimeUnit.MINUTES);
            executor.dispatchEnded(dispatch);

            String workQueue = SqsQueues.name(ok.details().get("workQueue"));
            Pools pools = executor.pools();
            assertTrue(pools.list().stream().anyMatch(q -> q.name().equals(workQueue)), workQueue + " not listed");
            pools.drain(workQueue);
            pools.drain(workQueue + "-dlq");   // purged: a work queue is drained message by message
            assertEquals(List.of(workQueue, workQueue + "-dlq"), pools.delete(workQueue));
            for (String op : List.of("sqs:CreateQueue", "sqs:GetQueueAttributes", "sqs:SendMessageBatch", "sqs:ReceiveMessage",
                    "sqs:DeleteMessageBatch", "sqs:ListQueues", "sqs:PurgeQueue", "sqs:DeleteQueue", "ecs:ListTasks", "ecs:RunTask",
                    "logs:FilterLogEvents", "servicequotas:GetServiceQuota")) {
                assertTrue(executor.awsCalls().count(op) > 0, op + " not exercised: " + executor.awsCalls().calls());
            }
        }
    }

    /** Whether the stack in moto was created from the template make deploy-local just synthesized. */
    private static boolean deployedTemplateIsCurrent(LocalCloud cloud) throws Exception {
        Path synthesized = LocalCloud.repositoryRoot().resolve("cdk.out/EcsLatticeStack.template.json");
        try (CloudFormationClient cloudFormation = CloudFormationClient.create()) {
            String deployed = cloudFormation.getTemplate(r -> r.stackName("EcsLatticeStack")).templateBody();
            return java.nio.file.Files.isRegularFile(synthesized)
                    && Wire.mapper().readTree(deployed).equals(Wire.mapper().readTree(synthesized.toFile()));
        }
    }

    private static TaskSpec spec(String dispatch, String node, String method, String type, Object arg) {
        return new TaskSpec(Wire.VERSION, dispatch, node, 1, E2eElectrons.class.getName(), method, List.of(type),
                List.of(Wire.mapper().valueToTree(arg)), "file:///unused");
    }

    private static List<JsonNode> deployedClientPolicy(LocalCloud cloud) throws Exception {
        String arn = Wire.mapper().readTree(cloud.outputsFile.toFile()).path("EcsLatticeStack").path("ClientPolicyArn").asText();
        try (IamClient iam = IamClient.builder().region(software.amazon.awssdk.regions.Region.AWS_GLOBAL).build()) {
            String version = iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId();
            String document = iam.getPolicyVersion(r -> r.policyArn(arn).versionId(version)).policyVersion().document();
            JsonNode policy = Wire.mapper().readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
            List<JsonNode> statements = new ArrayList<>();
            JsonNode all = policy.path("Statement");
            (all.isArray() ? all : Wire.mapper().createArrayNode().add(all)).forEach(s -> {
                if ("Allow".equals(s.path("Effect").asText())) {
                    statements.add(s);
                }
            });
            return statements;
        }
    }

    /** Whether the statement allows the action (and, when given, on the resource). */
    static boolean allows(JsonNode statement, String action, String resource) {
        boolean actionOk = strings(statement.path("Action")).stream().anyMatch(p -> matches(p, action, true));
        return actionOk && (resource == null
                || strings(statement.path("Resource")).stream().anyMatch(p -> matches(p, resource, false)));
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; actions compare case-insensitively. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }

}
