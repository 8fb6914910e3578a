package io.ecslattice.infra;

import static io.ecslattice.infra.SynthesizedStack.assertJson;
import static io.ecslattice.infra.SynthesizedStack.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack as deployed with no context values. Logical ids are spelled out on purpose: a changed id makes
 * CloudFormation replace the resource on update (a new bucket, a new cluster), which must never happen by accident.
 */
class DefaultStackTest {
    static final String BUCKET = "TaskResources0EB1104D";
    static final String REPOSITORY = "TaskImages54853940";
    static final String CLUSTER = "ClusterEB0386A7";
    static final String LOG_GROUP = "TaskLogs";
    static final String EXECUTION_ROLE = "RolesTaskExecutionRole0AB78B4E";
    static final String TASK_ROLE = "RolesTaskRoleF8D8DD59";
    static final String CLIENT_POLICY = "ClientPolicyEC109440";
    static final String CLIENT_ROLE = "ClientRole910E33D4";
    static final String TASK_SECURITY_GROUP = "NetworkTaskSecurityGroupFFE6B3AB";
    static final String VPC = "NetworkVpc7FB7348F";
    static final String SUBNET_1 = "NetworkVpcTasksSubnet1Subnet669A2B3C";
    static final String SUBNET_2 = "NetworkVpcTasksSubnet2SubnetCFA749E1";

    /** CloudFormation refuses a template body over this size; with no bootstrap bucket there is no upload fallback. */
    static final int CLOUDFORMATION_TEMPLATE_BODY_LIMIT = 51_200;

    static SynthesizedStack stack;

    @BeforeAll
    static void synthesize() {
        stack = SynthesizedStack.synthesize(Map.of());
    }

    @Test
    void createsExactlyTheResourcesTheExecutorNeeds() {
        assertEquals(Map.ofEntries(
                Map.entry("AWS::EC2::VPC", 1),
                Map.entry("AWS::EC2::Subnet", 2),
                Map.entry("AWS::EC2::RouteTable", 2),
                Map.entry("AWS::EC2::SubnetRouteTableAssociation", 2),
                Map.entry("AWS::EC2::Route", 2),
                Map.entry("AWS::EC2::InternetGateway", 1),
                Map.entry("AWS::EC2::VPCGatewayAttachment", 1),
                Map.entry("AWS::EC2::SecurityGroup", 1),
                Map.entry("AWS::S3::Bucket", 1),
                Map.entry("AWS::S3::BucketPolicy", 1),
                Map.entry("AWS::ECR::Repository", 1),
                Map.entry("AWS::ECS::Cluster", 1),
                Map.entry("AWS::ECS::ClusterCapacityProviderAssociations", 1),
                Map.entry("AWS::Logs::LogGroup", 1),
                Map.entry("AWS::IAM::Role", 3),
                Map.entry("AWS::IAM::ManagedPolicy", 1)), stack.resourceCountsByType());
    }

    @Test
    void deploysWithoutABootstrapStack() throws Exception {
        assertEquals(List.of("Description", "Outputs", "Resources"),
                stack.json.keySet().stream().sorted().toList(), "no Parameters (BootstrapVersion), no Rules");
        stack.template.resourceCountIs("AWS::CDK::Metadata", 0);
        stack.template.resourceCountIs("Custom::VpcRestrictDefaultSG", 0);
        stack.template.resourceCountIs("AWS::Lambda::Function", 0);
        int size = new ObjectMapper().writeValueAsString(stack.json).length();
        assertTrue(size < CLOUDFORMATION_TEMPLATE_BODY_LIMIT, "template is " + size + " bytes");
    }

    @Test
    void vpcHasTwoPublicSubnetsAndNoNatGateway() {
        stack.template.resourceCountIs("AWS::EC2::NatGateway", 0);
        stack.template.resourceCountIs("AWS::EC2::EIP", 0);
        stack.template.resourceCountIs("AWS::EC2::VPCEndpoint", 0);
        assertEquals(true, stack.properties(VPC).get("EnableDnsHostnames"));
        for (String subnet : List.of(SUBNET_1, SUBNET_2)) {
            assertEquals(true, stack.properties(subnet).get("MapPublicIpOnLaunch"), subnet);
        }
        assertJson("{'Fn::Select': [0, {'Fn::GetAZs': ''}]}", stack.properties(SUBNET_1).get("AvailabilityZone"));
        assertJson("{'Fn::Select': [1, {'Fn::GetAZs': ''}]}", stack.properties(SUBNET_2).get("AvailabilityZone"));
        assertJson("{'DestinationCidrBlock': '0.0.0.0/0', 'GatewayId': {'Ref': 'NetworkVpcIGW6BEA7B02'},"
                        + " 'RouteTableId': {'Ref': 'NetworkVpcTasksSubnet1RouteTable29EEE472'}}",
                stack.properties("NetworkVpcTasksSubnet1DefaultRoute978BCDEE"));
    }

    @Test
    void taskSecurityGroupAdmitsNothingAndAllowsAllEgress() {
        assertJson("""
                {'GroupDescription': 'ecs-lattice tasks: no inbound traffic, outbound to ECR, S3 and CloudWatch Logs',
                 'SecurityGroupEgress': [{'CidrIp': '0.0.0.0/0', 'Description': 'Allow all outbound traffic by default',
                                          'IpProtocol': '-1'}],
                 'VpcId': {'Ref': 'NetworkVpc7FB7348F'}}""", stack.properties(TASK_SECURITY_GROUP));
        stack.template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    }

    @Test
    void bucketBlocksPublicAccessEncryptsAndExpiresTaskArtifacts() {
        assertJson("""
                {'BucketEncryption': {'ServerSideEncryptionConfiguration': [
                     {'ServerSideEncryptionByDefault': {'SSEAlgorithm': 'AES256'}}]},
                 'LifecycleConfiguration': {'Rules': [
                     {'AbortIncompleteMultipartUpload': {'DaysAfterInitiation': 1}, 'ExpirationInDays': 30,
                      'Id': 'ExpireTaskArtifacts', 'Status': 'Enabled'}]},
                 'OwnershipControls': {'Rules': [{'ObjectOwnership': 'BucketOwnerEnforced'}]},
                 'PublicAccessBlockConfiguration': {'BlockPublicAcls': true, 'BlockPublicPolicy': true,
                                                    'IgnorePublicAcls': true, 'RestrictPublicBuckets': true}}""",
                stack.properties(BUCKET));
        assertEquals("Retain", stack.resource(BUCKET).get("DeletionPolicy"), "results survive cdk destroy");
    }

    @Test
    void bucketPolicyDeniesEveryRequestWithoutTls() {
        assertJson("""
                {'Bucket': {'Ref': 'TaskResources0EB1104D'},
                 'PolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': 's3:*', 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}, 'Effect': 'Deny',
                     'Principal': {'AWS': '*'},
                     'Resource': [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']},
                                  {'Fn::Join': ['', [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']}, '/*']]}]}]}}""",
                stack.properties("TaskResourcesPolicyFA9CDA1D"));
    }

    @Test
    void repositoryScansOnPushKeepsTheNewestTaskImagesAndGoesWithTheStack() {
        Map<String, Object> properties = stack.properties(REPOSITORY);
        assertEquals("ecslatticestack-task-images", properties.get("RepositoryName"));
        assertJson("{'ScanOnPush': true}", properties.get("ImageScanningConfiguration"));
        assertEquals(true, properties.get("EmptyOnDelete"));
        String lifecyclePolicy = (String) ((Map<?, ?>) properties.get("LifecyclePolicy")).get("LifecyclePolicyText");
        assertJson("""
                {'rules': [{'rulePriority': 1, 'description': 'keep the newest 50 task images',
                            'selection': {'tagStatus': 'tagged', 'tagPrefixList': ['lattice-'],
                                          'countType': 'imageCountMoreThan', 'countNumber': 50},
                            'action': {'type': 'expire'}}]}""", parse(lifecyclePolicy));
        assertEquals("Delete", stack.resource(REPOSITORY).get("DeletionPolicy"));
    }

    @Test
    void lifecycleRuleNeverSelectsACustomBaseImageKeptUnderItsOwnTag() {
        String lifecyclePolicy = (String) ((Map<?, ?>) stack.properties(REPOSITORY).get("LifecyclePolicy"))
                .get("LifecyclePolicyText");
        for (Object rule : (List<?>) ((Map<?, ?>) parse(lifecyclePolicy)).get("rules")) {
            Map<?, ?> selection = (Map<?, ?>) ((Map<?, ?>) rule).get("selection");
            assertEquals("tagged", selection.get("tagStatus"), "a rule on 'any' or 'untagged' reaches base images");
            assertEquals(List.of("lattice-"), selection.get("tagPrefixList"));
        }
    }

    @Test
    void clientRoleIsAssumableInThisAccountAndCarriesTheClientPolicySoNothingOutsideTheStackAttachesIt() {
        assertJson("""
                {'AssumeRolePolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': 'sts:AssumeRole', 'Effect': 'Allow', 'Principal': {'AWS': {'Fn::Join': ['',
                        ['arn:', {'Ref': 'AWS::Partition'}, ':iam::', {'Ref': 'AWS::AccountId'}, ':root']]}}}]},
                 'Description': 'ecs-lattice: assumed by whoever dispatches workflows to EcsLatticeStack',
                 'ManagedPolicyArns': [{'Ref': 'ClientPolicyEC109440'}],
                 'MaxSessionDuration': 43200}""", stack.properties(CLIENT_ROLE));
    }

    @Test
    void publicModeTellsTheExecutorToAskForAPublicIp() {
        assertEquals("true", outputValues(stack).get("AssignPublicIp"));
    }

    @Test
    void clusterOffersFargateAndFargateSpotWithoutContainerInsights() {
        assertJson("{'ClusterName': 'ecslatticestack-cluster',"
                + " 'ClusterSettings': [{'Name': 'containerInsights', 'Value': 'disabled'}]}", stack.properties(CLUSTER));
        assertJson("{'CapacityProviders': ['FARGATE', 'FARGATE_SPOT'], 'Cluster': {'Ref': 'ClusterEB0386A7'},"
                + " 'DefaultCapacityProviderStrategy': []}", stack.properties("Cluster3DA9CCBA"));
    }

    @Test
    void logGroupKeepsTaskLogsForThirtyDays() {
        assertJson("{'LogGroupName': 'ecslatticestack-task-logs', 'RetentionInDays': 30}", stack.properties(LOG_GROUP));
    }

    @Test
    void executionRoleHasExactlyTheDocumentedPolicy() {
        assertJson("""
                {'AssumeRolePolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': 'sts:AssumeRole', 'Effect': 'Allow', 'Principal': {'Service': 'ecs-tasks.amazonaws.com'}}]},
                 'Description': 'ecs-lattice: lets ECS pull task images and write task logs',
                 'Policies': [{'PolicyName': 'TaskExecution', 'PolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability',
                                'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
                                'logs:CreateLogStream', 'logs:PutLogEvents'],
                     'Effect': 'Allow', 'Resource': '*'}]}}]}""", stack.properties(EXECUTION_ROLE));
    }

    @Test
    void executionRoleReadsExactlyTheSecretsNamedBySecretArns() {
        String secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
        String parameter = "arn:aws:ssm:us-east-1:123456789012:parameter/app/token";
        SynthesizedStack withSecrets = SynthesizedStack.synthesize(Map.of("secretArns", secret + "," + parameter));
        assertJson("""
                {'AssumeRolePolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': 'sts:AssumeRole', 'Effect': 'Allow', 'Principal': {'Service': 'ecs-tasks.amazonaws.com'}}]},
                 'Description': 'ecs-lattice: lets ECS pull task images and write task logs',
                 'Policies': [{'PolicyName': 'TaskExecution', 'PolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability',
                                'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
                                'logs:CreateLogStream', 'logs:PutLogEvents'],
                     'Effect': 'Allow', 'Resource': '*'},
                    {'Action': 'secretsmanager:GetSecretValue', 'Effect': 'Allow',
                     'Resource': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'},
                    {'Action': 'ssm:GetParameters', 'Effect': 'Allow',
                     'Resource': 'arn:aws:ssm:us-east-1:123456789012:parameter/app/token'}]}}]}""",
                withSecrets.properties(EXECUTION_ROLE));
    }

    @Test
    void taskRoleHasExactlyTheDocumentedPolicyScopedToThisBucketAndThisStacksQueues() {
        assertJson("""
                {'AssumeRolePolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': 'sts:AssumeRole', 'Effect': 'Allow', 'Principal': {'Service': 'ecs-tasks.amazonaws.com'}}]},
                 'Description': 'ecs-lattice: what a task\\'s own code may call',
                 'Policies': [{'PolicyName': 'Task', 'PolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': 'braket:*', 'Effect': 'Allow', 'Resource': '*'},
                    {'Action': ['s3:PutObject', 's3:GetObject', 's3:ListBucket'], 'Effect': 'Allow',
                     'Resource': [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']},
                                  {'Fn::Join': ['', [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']}, '/*']]}]},
                    {'Action': ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:SendMessage'],
                     'Effect': 'Allow', 'Resource': %s}]}}]}""".formatted(ClientPolicyJson.poolQueues("EcsLatticeStack")),
                stack.properties(TASK_ROLE));
    }

    @Test
    void noOtherPolicyGrantsAnything() {
        stack.template.resourceCountIs("AWS::IAM::Policy", 0);
        for (String role : List.of(EXECUTION_ROLE, TASK_ROLE)) {
            assertFalse(stack.properties(role).containsKey("ManagedPolicyArns"), role);
        }
        assertFalse(stack.properties(CLIENT_ROLE).containsKey("Policies"), "the client role has only the client policy");
    }

    @Test
    void rolesAndClientPolicyAreNamedByCloudFormationSoTheyNeverCollide() {
        assertNull(stack.properties(EXECUTION_ROLE).get("RoleName"));
        assertNull(stack.properties(TASK_ROLE).get("RoleName"));
        assertNull(stack.properties(CLIENT_ROLE).get("RoleName"));
        assertNull(stack.properties(CLIENT_POLICY).get("ManagedPolicyName"));
        assertNull(stack.properties(BUCKET).get("BucketName"));
    }

    @Test
    void clientPolicyGrantsExactlyTheCallsTheRuntimeMakes() {
        assertJson(ClientPolicyJson.statements("EcsLatticeStack", "ecslatticestack-tasks", "ecslatticestack-task-logs"),
                ((Map<?, ?>) stack.properties(CLIENT_POLICY).get("PolicyDocument")).get("Statement"));
        assertEquals("/", stack.properties(CLIENT_POLICY).get("Path"));
    }

    @Test
    void outputsAreTheExecutorsConfigKeysInUpperCamelCase() {
        assertJson("""
                {'Region': {'Ref': 'AWS::Region'},
                 'S3BucketName': {'Ref': 'TaskResources0EB1104D'},
                 'EcrRepoName': {'Ref': 'TaskImages54853940'},
                 'EcsClusterName': {'Ref': 'ClusterEB0386A7'},
                 'EcsTaskFamilyName': 'ecslatticestack-tasks',
                 'EcsTaskExecutionRoleName': {'Ref': 'RolesTaskExecutionRole0AB78B4E'},
                 'EcsTaskRoleName': {'Ref': 'RolesTaskRoleF8D8DD59'},
                 'EcsTaskSubnetId': {'Fn::Join': [',', [{'Ref': 'NetworkVpcTasksSubnet1Subnet669A2B3C'},
                                                        {'Ref': 'NetworkVpcTasksSubnet2SubnetCFA749E1'}]]},
                 'EcsTaskSecurityGroupId': {'Fn::GetAtt': ['NetworkTaskSecurityGroupFFE6B3AB', 'GroupId']},
                 'EcsTaskLogGroupName': {'Ref': 'TaskLogs'},
                 'AssignPublicIp': 'true',
                 'ClientRoleArn': {'Fn::GetAtt': ['ClientRole910E33D4', 'Arn']},
                 'ClientPolicyArn': {'Ref': 'ClientPolicyEC109440'}}""", outputValues(stack));
        stack.outputs().forEach((key, output) ->
                assertFalse(((Map<?, ?>) output).containsKey("Export"), key + " must not be exported"));
    }

    /** Each output's key and value, without the descriptions. */
    static Map<String, Object> outputValues(SynthesizedStack stack) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        stack.outputs().forEach((key, output) -> values.put(key, ((Map<?, ?>) output).get("Value")));
        return values;
    }
}
