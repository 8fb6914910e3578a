package io.ecslattice.infra;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Everything the ECS executor needs: network, task artifact bucket, image repository, cluster, log group,
 * the two task roles, and the client role with its managed policy. Its outputs are named after the executor's
 * configuration keys (DESIGN.md section 3 in UpperCamelCase), so the runtime reads them without mapping.
 */
public final class EcsLatticeStack extends Stack {
    /** The prefix of the tags the ECS executor gives task images; the lifecycle rule expires only these. */
    static final String TASK_IMAGE_TAG_PREFIX = "lattice-";

    public EcsLatticeStack(Construct scope, StackSettings settings, StackProps props) {
        super(scope, settings.stackName(), props);

        TaskNetwork network = new TaskNetwork(this, "Network", settings.vpcMode());

        // Kept on destroy (results may still be wanted); its objects expire, so a kept bucket empties itself.
        Bucket.Builder bucketBuilder = Bucket.Builder.create(this, "TaskResources")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ExpireTaskArtifacts")
                        .expiration(Duration.days(settings.artifactExpiryDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN);
        settings.s3BucketName().ifPresent(bucketBuilder::bucketName);
        Bucket bucket = bucketBuilder.build();

        // Task images are rebuilt from code at will: deleted with the stack, and only the newest ones are kept.
        // The rule selects the executor's own tags only, so a custom base image pushed here under any other
        // tag is never expired (task images refer to it by digest).
        Repository repository = Repository.Builder.create(this, "TaskImages")
                .repositoryName(settings.ecrRepoName())
                .imageScanOnPush(true)
                .lifecycleRules(List.of(software.amazon.awscdk.services.ecr.LifecycleRule.builder()
                        .description("keep the newest " + settings.imagesToKeep() + " task images")
                        .tagStatus(TagStatus.TAGGED)
                        .tagPrefixList(List.of(TASK_IMAGE_TAG_PREFIX))
                        .maxImageCount(settings.imagesToKeep())
                        .build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .emptyOnDelete(true)
                .build();

        // Container Insights bills per metric: off unless a user turns it on for this cluster.
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(settings.ecsClusterName())
                .vpc(network.vpc())
                .enableFargateCapacityProviders(true)
                .containerInsightsV2(ContainerInsights.DISABLED)
                .build();

        CfnLogGroup logGroup = CfnLogGroup.Builder.create(this, "TaskLogs")
                .logGroupName(settings.ecsTaskLogGroupName())
                .retentionInDays(settings.logRetentionDays())
                .build();
        logGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);

        TaskRoles roles = new TaskRoles(this, "Roles", settings, bucket);

        ManagedPolicy clientPolicy = ClientPolicy.create(this, "ClientPolicy", new ClientPolicy.Targets(
                cluster, settings.ecsTaskFamilyName(), roles.executionRole(), roles.taskRole(),
                repository, bucket, settings.ecsTaskLogGroupName()));
        // Whoever dispatches assumes this role rather than having the policy attached: CloudFormation cannot
        // delete a managed policy that users outside the stack still have attached, so make destroy would fail.
        Role clientRole = Role.Builder.create(this, "ClientRole")
                .assumedBy(new AccountRootPrincipal())
                .description("ecs-lattice: assumed by whoever dispatches workflows to " + getStackName())
                .maxSessionDuration(Duration.hours(12))
                .managedPolicies(List.of(clientPolicy))
                .build();

        output("Region", Aws.REGION, "the region the stack lives in");
        output("S3BucketName", bucket.getBucketName(), "task specs and results");
        output("EcrRepoName", repository.getRepositoryName(), "task images");
        output("EcsClusterName", cluster.getClusterName(), "the cluster tasks run on");
        output("EcsTaskFamilyName", settings.ecsTaskFamilyName(),
                "prefix of the task definition families the executor registers (<prefix>-<content hash>)");
        output("EcsTaskExecutionRoleName", roles.executionRole().getRoleName(), "the role ECS uses to start tasks");
        output("EcsTaskRoleName", roles.taskRole().getRoleName(), "the role a task's code runs as");
        output("EcsTaskSubnetId", Fn.join(",", network.taskSubnetIds()), "the subnets tasks run in, comma-separated");
        output("EcsTaskSecurityGroupId", network.taskSecurityGroup().getSecurityGroupId(), "the tasks' security group");
        output("EcsTaskLogGroupName", logGroup.getRef(), "the log group of the tasks' output");
        output("AssignPublicIp", String.valueOf(settings.vpcMode() == VpcMode.PUBLIC),
                "whether tasks need a public IP (public subnets) or must not ask for one (isolated subnets)");
        output("ClientRoleArn", clientRole.getRoleArn(),
                "assume to dispatch workflows (an AWS profile with role_arn); nothing outside the stack is attached");
        output("ClientPolicyArn", clientPolicy.getManagedPolicyArn(),
                "the policy of ClientRoleArn; attached to a user or group it would stop make destroy");
        StackNag.suppressAcceptedFindings(this, network, bucket, cluster, roles, clientPolicy);
    }

    private void output(String key, String value, String description) {
        CfnOutput.Builder.create(this, key).value(value).description("ecs-lattice: " + description).build();
    }
}
