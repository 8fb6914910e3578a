package io.ecslattice.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The managed policy for the dispatching client (a person or CI role that runs workflows on this stack).
 *
 * <p>This is the ONE place that lists the AWS calls the runtime's ECS executor makes, and on what.
 * It must match the code: a call missing here fails in production (Covalent's policy lacks
 * ecs:StopTask, so its cancel fails), a call here that the code never makes is privilege nobody needs.
 * The ECS executor's end-to-end tests compare the calls they record with this policy as deployed.
 */
public final class ClientPolicy {

    /** What the client policy is scoped to. */
    public record Targets(ICluster cluster, String taskFamilyName, IRole executionRole, IRole taskRole,
                          IRepository repository, IBucket bucket, String logGroupName) {
    }

    private ClientPolicy() {
    }

    /** Creates the managed policy; CloudFormation names it, so it never collides with an existing one. */
    static ManagedPolicy create(Construct scope, String id, Targets targets) {
        return ManagedPolicy.Builder.create(scope, id)
                .description("ecs-lattice: lets a client dispatch workflows to the stack "
                        + Stack.of(scope).getStackName())
                .statements(statements(Stack.of(scope), targets))
                .build();
    }

    /** Every statement of the client policy, in a fixed order. */
    static List<PolicyStatement> statements(Stack stack, Targets t) {
        String clusterTasks = stack.formatArn(ArnComponents.builder()
                .service("ecs").resource("task").resourceName(t.cluster().getClusterName() + "/*").build());
        String familyRevisions = stack.formatArn(ArnComponents.builder()
                .service("ecs").resource("task-definition").resourceName(t.taskFamilyName() + "-*:*").build());
        String logGroup = stack.formatArn(ArnComponents.builder().service("logs").resource("log-group")
                .resourceName(t.logGroupName()).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String anyRepository = stack.formatArn(ArnComponents.builder()
                .service("ecr").resource("repository").resourceName("*").build());
        Map<String, Object> onThisCluster = Map.of("ArnEquals", Map.of("ecs:cluster", t.cluster().getClusterArn()));
        String stackQueues = poolQueues(stack);
        return List.of(
                // IAM allows no resource scoping for these two: the executor names each task definition family
                // <family>-<content hash>, finds it with one describe and registers it only when it is missing.
                allow("TaskDefinitions", List.of("*"),
                        "ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"),
                allow("RunTasksOfTheFamilyOnThisCluster", List.of(familyRevisions), onThisCluster,
                        "ecs:RunTask"),
                allow("WatchAndStopTasksOnThisCluster", List.of(clusterTasks), onThisCluster,
                        "ecs:DescribeTasks", "ecs:StopTask"),
                // RunTask with tags (dispatch id, node) needs TagResource for the task it creates.
                // ListTasks names no task: IAM scopes it by the cluster condition only. The pool's scaler counts
                // the workers already running before it starts more.
                allow("CountPoolWorkersOnThisCluster", List.of("*"), onThisCluster,
                        "ecs:ListTasks"),
                allow("TagTasksAtRunTask", List.of(clusterTasks),
                        Map.of("StringEquals", Map.of("ecs:CreateAction", "RunTask")),
                        "ecs:TagResource"),
                allow("PassTheTaskRolesToEcs", List.of(t.executionRole().getRoleArn(), t.taskRole().getRoleArn()),
                        Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")),
                        "iam:PassRole"),
                allow("EcrLogin", List.of("*"),
                        "ecr:GetAuthorizationToken"),
                // Jib's push, and the manifest HEAD that finds an image already pushed (BatchGetImage).
                // GetDownloadUrlForLayer: a custom base image (task-image/Dockerfile) kept in this repository
                // is pulled by Jib from it.
                allow("PushAndDescribeTaskImages", List.of(t.repository().getRepositoryArn()),
                        "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                        "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage",
                        "ecr:GetDownloadUrlForLayer", "ecr:DescribeRepositories"),
                // Without ListBucket, S3 answers a missing result object with 403 instead of 404, and the
                // executor could not tell "the task left no result" from "access denied".
                // A custom base image (task-image/Dockerfile) may live in another repository of this account and
                // region: Jib reads its manifest and layers there. Read only; pushes go to the task repository.
                allow("PullBaseImagesOfThisAccount", List.of(anyRepository),
                        "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"),
                allow("ListTaskArtifacts", List.of(t.bucket().getBucketArn()),
                        "s3:ListBucket"),
                allow("ReadAndWriteTaskArtifacts", List.of(t.bucket().arnForObjects("*")),
                        "s3:PutObject", "s3:GetObject"),
                // FilterLogEvents finds the pool workers whose log names a dead-lettered electron.
                allow("ReadTaskLogs", List.of(logGroup, logGroup + ":*"),
                        "logs:GetLogEvents", "logs:FilterLogEvents"),
                // The client creates a pool's work queue, its dead-letter queue and each dispatch's completion
                // queue on first use, all named under the stack's prefix (no queue is a stack resource, so an
                // idle pool costs nothing); `ecs-lattice pool` lists, drains and deletes them.
                allow("PoolQueuesOfThisStack", List.of(stackQueues),
                        "sqs:CreateQueue", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:SendMessage",
                        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue", "sqs:DeleteQueue",
                        // A queue an earlier client made for fewer task_max_attempts is raised to this client's.
                        "sqs:SetQueueAttributes"),
                // ListQueues takes no resource in IAM; it only ever asks for this stack's prefix.
                allow("FindPoolQueues", List.of("*"),
                        "sqs:ListQueues"),
                allow("ReadThisStacksOutputs", List.of(stack.getStackId()),
                        "cloudformation:DescribeStacks"),
                // The account's Fargate vCPU quota caps max_in_flight and pool_max_workers (one call per executor;
                // without it the quota is unknown and only AWS's refusals hold tasks back). Service Quotas scopes
                // GetServiceQuota by no resource of this stack: a quota belongs to the account.
                allow("ReadFargateVcpuQuotas", List.of("*"),
                        "servicequotas:GetServiceQuota"));
    }

    /** Every SQS queue named under the stack's queue prefix: {@code arn:<partition>:sqs:<region>:<account>:<prefix>*}. */
    static String poolQueues(Stack stack) {
        return stack.formatArn(ArnComponents.builder().service("sqs").resource(queuePrefix(stack.getStackName()) + "*")
                .arnFormat(ArnFormat.NO_RESOURCE_NAME).build());
    }

    /**
     * The prefix of the stack's pool queue names, as the runtime names them (its {@code QueueNames.prefix}; change
     * both together): {@code <stack>_} for a stack name of at most 38 characters, else its first 29 characters,
     * a hyphen, 8 hex digits of the name's SHA-256 and an underscore (no stack name has one, so the grant on
     * {@code Prod_*} does not take in the queues of a stack {@code Prod-eu}), so that {@code <prefix>done-<dispatch id>} fits
     * SQS's 80 characters for any stack name CloudFormation accepts (128).
     */
    static String queuePrefix(String stackName) {
        if (stackName.length() <= 38) {
            return stackName + "_";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(stackName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return stackName.substring(0, 29) + "-" + java.util.HexFormat.of().formatHex(digest).substring(0, 8) + "_";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static PolicyStatement allow(String sid, List<String> resources, String... actions) {
        return allow(sid, resources, Map.of(), actions);
    }

    private static PolicyStatement allow(String sid, List<String> resources, Map<String, Object> conditions,
                                         String... actions) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(List.of(actions))
                .resources(resources)
                .conditions(conditions)
                .build();
    }
}
