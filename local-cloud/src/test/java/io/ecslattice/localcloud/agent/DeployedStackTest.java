package io.ecslattice.localcloud.agent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make deploy-local created the stack in moto, and every output names a resource that exists there. */
@Tag("local-cloud")
class DeployedStackTest {
    private static LocalCloud cloud;
    private static StaticCredentialsProvider credentials;

    @BeforeAll
    static void cloudIsUp() {
        cloud = LocalCloud.running();
        credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    @Test
    void outputsNameResourcesThatExistInMoto() {
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).forcePathStyle(true).build();
             EcrClient ecr = EcrClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             EcsClient ecs = EcsClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(cloud.endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(credentials).build();
             IamClient iam = IamClient.builder().endpointOverride(cloud.endpoint()).region(Region.AWS_GLOBAL)
                     .credentialsProvider(credentials).build()) {
            assertEquals("us-east-1", cloud.output("Region"));
            s3.headBucket(r -> r.bucket(cloud.output("S3BucketName")));
            assertEquals(1, ecr.describeRepositories(r -> r.repositoryNames(cloud.output("EcrRepoName")))
                    .repositories().size());
            assertEquals("ACTIVE", ecs.describeClusters(r -> r.clusters(cloud.output("EcsClusterName")))
                    .clusters().get(0).status());
            List<String> subnets = List.of(cloud.output("EcsTaskSubnetId").split(","));
            assertEquals(subnets.size(), ec2.describeSubnets(r -> r.subnetIds(subnets)).subnets().size());
            String group = cloud.output("EcsTaskSecurityGroupId");
            assertEquals(1, ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().size());
            String logGroup = cloud.output("EcsTaskLogGroupName");
            assertTrue(logs.describeLogGroups(r -> r.logGroupNamePrefix(logGroup)).logGroups().stream()
                    .anyMatch(g -> g.logGroupName().equals(logGroup)));
            iam.getRole(r -> r.roleName(cloud.output("EcsTaskRoleName")));
            iam.getRole(r -> r.roleName(cloud.output("EcsTaskExecutionRoleName")));
            iam.getPolicy(r -> r.policyArn(cloud.output("ClientPolicyArn")));
        }
    }

    @Test
    void taskVpcHasDnsHostnamesAsFargateNeeds() {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build()) {
            String subnet = cloud.output("EcsTaskSubnetId").split(",")[0];
            String vpc = ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).vpcId();
            assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute("enableDnsHostnames"))
                    .enableDnsHostnames().value());
        }
    }
}
