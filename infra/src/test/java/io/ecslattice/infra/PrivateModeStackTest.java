package io.ecslattice.infra;

import static io.ecslattice.infra.SynthesizedStack.assertJson;
import static io.ecslattice.infra.SynthesizedStack.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack with every context value set: private subnets with endpoints, chosen names, no Braket. */
class PrivateModeStackTest {
    static SynthesizedStack stack;

    @BeforeAll
    static void synthesize() {
        stack = SynthesizedStack.synthesize(Map.ofEntries(
                Map.entry("stackName", "TeamStack"),
                Map.entry("namePrefix", "team-a"),
                Map.entry("s3BucketName", "team-a-artifacts"),
                Map.entry("ecsTaskFamilyName", "team-a-jobs"),
                Map.entry("ecsTaskExecutionRoleName", "TeamAExecution"),
                Map.entry("ecsTaskRoleName", "TeamATask"),
                Map.entry("artifactExpiryDays", "3"),
                Map.entry("logRetentionDays", 7),
                Map.entry("imagesToKeep", "5"),
                Map.entry("braketAccess", "false"),
                Map.entry("vpcMode", "private")));
    }

    @Test
    void createsEndpointsInsteadOfAnInternetGatewayOrNat() {
        assertEquals(Map.ofEntries(
                Map.entry("AWS::EC2::VPC", 1),
                Map.entry("AWS::EC2::Subnet", 2),
                Map.entry("AWS::EC2::RouteTable", 2),
                Map.entry("AWS::EC2::SubnetRouteTableAssociation", 2),
                Map.entry("AWS::EC2::SecurityGroup", 2),
                Map.entry("AWS::EC2::SecurityGroupIngress", 1),
                Map.entry("AWS::EC2::VPCEndpoint", 5),
                Map.entry("AWS::S3::Bucket", 1),
                Map.entry("AWS::S3::BucketPolicy", 1),
                Map.entry("AWS::ECR::Repository", 1),
                Map.entry("AWS::ECS::Cluster", 1),
                Map.entry("AWS::ECS::ClusterCapacityProviderAssociations", 1),
                Map.entry("AWS::Logs::LogGroup", 1),
                Map.entry("AWS::IAM::Role", 3),
                Map.entry("AWS::IAM::ManagedPolicy", 1)), stack.resourceCountsByType());
        stack.template.resourceCountIs("AWS::EC2::NatGateway", 0);
        stack.template.resourceCountIs("AWS::EC2::InternetGateway", 0);
    }

    @Test
    void largestTemplateStillFitsCloudFormationsInlineLimit() throws Exception {
        int size = new ObjectMapper().writeValueAsString(stack.json).length();
        assertTrue(size < DefaultStackTest.CLOUDFORMATION_TEMPLATE_BODY_LIMIT, "template is " + size + " bytes");
    }

    @Test
    void privateModeTellsTheExecutorNotToAskForAPublicIpInIsolatedSubnets() {
        assertEquals("false", DefaultStackTest.outputValues(stack).get("AssignPublicIp"));
    }

    @Test
    void subnetsGiveTasksNoPublicAddress() {
        for (String subnet : List.of(DefaultStackTest.SUBNET_1, DefaultStackTest.SUBNET_2)) {
            assertEquals(false, stack.properties(subnet).get("MapPublicIpOnLaunch"), subnet);
        }
    }

    @Test
    void s3GatewayEndpointServesBothTaskSubnets() {
        assertJson("""
                {'RouteTableIds': [{'Ref': 'NetworkVpcTasksSubnet1RouteTable29EEE472'},
                                   {'Ref': 'NetworkVpcTasksSubnet2RouteTable865711E7'}],
                 'ServiceName': {'Fn::Join': ['', ['com.amazonaws.', {'Ref': 'AWS::Region'}, '.s3']]},
                 'Tags': [{'Key': 'Name', 'Value': 'TeamStack/Network/Vpc'}],
                 'VpcEndpointType': 'Gateway', 'VpcId': {'Ref': 'NetworkVpc7FB7348F'}}""",
                stack.properties("NetworkVpcS3Endpoint87783328"));
    }

    @Test
    void interfaceEndpointsServeEcrApiEcrDockerLogsAndSqsWithPrivateDns() {
        Map<String, String> endpoints = Map.of(
                "NetworkVpcEcrApiEndpointE3D7E09F", ".ecr.api",
                "NetworkVpcEcrDockerEndpoint18F85AD4", ".ecr.dkr",
                "NetworkVpcLogsEndpointA7731FD0", ".logs",
                "NetworkVpcSqsEndpointAA59B939", ".sqs");
        endpoints.forEach((logicalId, service) -> assertJson("""
                {'PrivateDnsEnabled': true,
                 'SecurityGroupIds': [{'Fn::GetAtt': ['NetworkEndpointSecurityGroup6DEF6240', 'GroupId']}],
                 'ServiceName': {'Fn::Join': ['', ['com.amazonaws.', {'Ref': 'AWS::Region'}, '%s']]},
                 'SubnetIds': [{'Ref': 'NetworkVpcTasksSubnet1Subnet669A2B3C'},
                               {'Ref': 'NetworkVpcTasksSubnet2SubnetCFA749E1'}],
                 'Tags': [{'Key': 'Name', 'Value': 'TeamStack/Network/Vpc'}],
                 'VpcEndpointType': 'Interface', 'VpcId': {'Ref': 'NetworkVpc7FB7348F'}}""".formatted(service),
                stack.properties(logicalId)));
    }

    @Test
    void endpointsAdmitHttpsFromTheTasksOnly() {
        assertJson("""
                {'GroupDescription': 'ecs-lattice VPC endpoints: HTTPS from the tasks only',
                 'SecurityGroupEgress': [{'CidrIp': '255.255.255.255/32', 'Description': 'Disallow all traffic',
                                          'FromPort': 252, 'IpProtocol': 'icmp', 'ToPort': 86}],
                 'VpcId': {'Ref': 'NetworkVpc7FB7348F'}}""", stack.properties("NetworkEndpointSecurityGroup6DEF6240"));
        Map<String, Map<String, Object>> ingress = stack.template.findResources("AWS::EC2::SecurityGroupIngress");
        assertJson("""
                {'Description': 'HTTPS from ecs-lattice tasks', 'IpProtocol': 'tcp', 'FromPort': 443, 'ToPort': 443,
                 'GroupId': {'Fn::GetAtt': ['NetworkEndpointSecurityGroup6DEF6240', 'GroupId']},
                 'SourceSecurityGroupId': {'Fn::GetAtt': ['NetworkTaskSecurityGroupFFE6B3AB', 'GroupId']}}""",
                ingress.values().iterator().next().get("Properties"));
    }

    @Test
    void taskRoleHasNoBraketStatementWhenSwitchedOff() {
        assertJson("""
                [{'PolicyName': 'Task', 'PolicyDocument': {'Version': '2012-10-17', 'Statement': [
                    {'Action': ['s3:PutObject', 's3:GetObject', 's3:ListBucket'], 'Effect': 'Allow',
                     'Resource': [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']},
                                  {'Fn::Join': ['', [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']}, '/*']]}]},
                    {'Action': ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:SendMessage'],
                     'Effect': 'Allow', 'Resource': %s}]}}]""".formatted(ClientPolicyJson.poolQueues("TeamStack")),
                stack.properties(DefaultStackTest.TASK_ROLE).get("Policies"));
    }

    @Test
    void chosenNamesReachTheResources() {
        assertEquals("team-a-artifacts", stack.properties(DefaultStackTest.BUCKET).get("BucketName"));
        assertEquals("team-a-task-images", stack.properties(DefaultStackTest.REPOSITORY).get("RepositoryName"));
        assertEquals("team-a-cluster", stack.properties(DefaultStackTest.CLUSTER).get("ClusterName"));
        assertEquals("team-a-task-logs", stack.properties(DefaultStackTest.LOG_GROUP).get("LogGroupName"));
        assertEquals("TeamAExecution", stack.properties(DefaultStackTest.EXECUTION_ROLE).get("RoleName"));
        assertEquals("TeamATask", stack.properties(DefaultStackTest.TASK_ROLE).get("RoleName"));
    }

    @Test
    void chosenRetentionsReachTheBucketRepositoryAndLogGroup() {
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) ((Map<?, ?>) stack.properties(DefaultStackTest.BUCKET)
                .get("LifecycleConfiguration")).get("Rules")).get(0);
        assertEquals(3, rule.get("ExpirationInDays"));
        assertEquals(7, stack.properties(DefaultStackTest.LOG_GROUP).get("RetentionInDays"));
        String lifecyclePolicy = (String) ((Map<?, ?>) stack.properties(DefaultStackTest.REPOSITORY)
                .get("LifecyclePolicy")).get("LifecyclePolicyText");
        assertJson("{'tagStatus': 'tagged', 'tagPrefixList': ['lattice-'], 'countType': 'imageCountMoreThan', 'countNumber': 5}",
                ((Map<?, ?>) ((List<?>) ((Map<?, ?>) parse(lifecyclePolicy)).get("rules")).get(0)).get("selection"));
    }

    @Test
    void clientPolicyFollowsTheChosenFamilyAndLogGroup() {
        assertJson(ClientPolicyJson.statements("TeamStack", "team-a-jobs", "team-a-task-logs"),
                ((Map<?, ?>) stack.properties(DefaultStackTest.CLIENT_POLICY).get("PolicyDocument")).get("Statement"));
    }

    @Test
    void outputsCarryTheChosenNamesAndThePrivateSubnets() {
        assertJson("""
                {'Region': {'Ref': 'AWS::Region'},
                 'S3BucketName': {'Ref': 'TaskResources0EB1104D'},
                 'EcrRepoName': {'Ref': 'TaskImages54853940'},
                 'EcsClusterName': {'Ref': 'ClusterEB0386A7'},
                 'EcsTaskFamilyName': 'team-a-jobs',
                 'EcsTaskExecutionRoleName': {'Ref': 'RolesTaskExecutionRole0AB78B4E'},
                 'EcsTaskRoleName': {'Ref': 'RolesTaskRoleF8D8DD59'},
                 'EcsTaskSubnetId': {'Fn::Join': [',', [{'Ref': 'NetworkVpcTasksSubnet1Subnet669A2B3C'},
                                                        {'Ref': 'NetworkVpcTasksSubnet2SubnetCFA749E1'}]]},
                 'EcsTaskSecurityGroupId': {'Fn::GetAtt': ['NetworkTaskSecurityGroupFFE6B3AB', 'GroupId']},
                 'EcsTaskLogGroupName': {'Ref': 'TaskLogs'},
                 'AssignPublicIp': 'false',
                 'ClientRoleArn': {'Fn::GetAtt': ['ClientRole910E33D4', 'Arn']},
                 'ClientPolicyArn': {'Ref': 'ClientPolicyEC109440'}}""", DefaultStackTest.outputValues(stack));
    }
}
