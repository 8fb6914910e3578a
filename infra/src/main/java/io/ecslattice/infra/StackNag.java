package io.ecslattice.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

/**
 * The cdk-nag AwsSolutions findings this stack accepts, each with its reason, next to the resources they are
 * about. Everything else the pack checks is met (NagComplianceTest runs it on both VPC modes).
 */
final class StackNag {
    private StackNag() {
    }

    static void suppressAcceptedFindings(EcsLatticeStack stack, TaskNetwork network, Bucket bucket, Cluster cluster,
                                         TaskRoles roles, ManagedPolicy clientPolicy) {
        suppress(network.vpc(), "AwsSolutions-VPC7", "Flow logs bill per GB ingested and record nothing a user of "
                + "this stack acts on: the task security group admits no inbound traffic at all.");
        suppress(bucket, "AwsSolutions-S1", "The bucket holds only task specs and results, reached through this "
                + "stack's roles; access logs would need a second bucket that outlives the stack. CloudTrail data "
                + "events can audit it when an account needs that.");
        suppress(cluster, "AwsSolutions-ECS4", "Container Insights bills per metric; the executor reads each task's "
                + "status and logs itself, and a user can turn Insights on for this cluster.");
        suppressWildcards(roles.executionRole(), "The task-execution role is the documented AWS policy of ECS "
                + "(ecr:GetAuthorizationToken and the pull and log calls on *): DESIGN.md section 4.",
                "Resource::\\*");
        suppressWildcards(roles.taskRole(), "The task role is the documented one: braket:* on * for electrons that "
                + "use Braket (off with braketAccess=false), and the objects of this stack's bucket, whose keys "
                + "are content hashes and dispatch ids known only at run time; pool workers use the work queues of this "
                + "stack's prefix (<stack>_*), which the client creates on first use, one per pool shape.",
                "Action::braket:\\*", "Resource::\\*", "Resource::<TaskResources[0-9A-F]+\\.Arn>/\\*",
                "Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:.*_\\*");
        suppressWildcards(clientPolicy, "Each wildcard is the narrowest IAM allows for the call: "
                + "RegisterTaskDefinition, DescribeTaskDefinition and GetAuthorizationToken take no resource; a "
                + "task's ARN exists only after RunTask, so tasks are scoped to this cluster and to the executor's "
                + "task-definition families (<family>-<content hash>); task artifacts are any key of this stack's "
                + "bucket; log streams are one per task in this stack's group; a custom base image may be in any "
                + "repository of this account (read only); pool queues are created on first use under this stack's "
                + "prefix (<stack>_*), one per pool shape and one per dispatch for completions.",
                "Resource::\\*", "Resource::<TaskResources[0-9A-F]+\\.Arn>/\\*",
                "Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:task-definition/.*-\\*:\\*",
                "Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:task/<Cluster[0-9A-F]+>/\\*",
                "Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:.*:\\*",
                "Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:<AWS::AccountId>:repository/\\*",
                "Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:.*_\\*");
    }

    private static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** Suppresses AwsSolutions-IAM5 for exactly the wildcard findings matching these patterns. */
    private static void suppressWildcards(IConstruct construct, String reason, String... findingPatterns) {
        List<Object> appliesTo = Arrays.stream(findingPatterns)
                .map(p -> (Object) RegexAppliesTo.builder().regex("/^" + p + "$/").build()).toList();
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5").reason(reason).appliesTo(appliesTo).build()), true);
    }
}
