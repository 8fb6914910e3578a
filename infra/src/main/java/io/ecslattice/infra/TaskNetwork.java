package io.ecslattice.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * The network the Fargate tasks run in: a two-AZ VPC with no NAT gateway, and a security group that
 * admits nothing and lets tasks reach ECR, S3 and CloudWatch Logs. In {@link VpcMode#PUBLIC} tasks use
 * public subnets (and need a public IP); in {@link VpcMode#PRIVATE} isolated subnets plus VPC endpoints.
 */
public final class TaskNetwork extends Construct {
    private final Vpc vpc;
    private final SecurityGroup taskSecurityGroup;
    private final SubnetSelection taskSubnets;

    TaskNetwork(Construct scope, String id, VpcMode mode) {
        super(scope, id);
        SubnetType subnetType = mode == VpcMode.PUBLIC ? SubnetType.PUBLIC : SubnetType.PRIVATE_ISOLATED;
        this.taskSubnets = SubnetSelection.builder().subnetType(subnetType).build();
        // No NAT gateway in either mode: a NAT costs ~$32/month per AZ while idle, and tasks need none.
        // restrictDefaultSecurityGroup would add a Lambda-backed custom resource (an asset), which an
        // unbootstrapped account cannot deploy; tasks never use the default group anyway.
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .restrictDefaultSecurityGroup(false)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("Tasks")
                        .subnetType(subnetType)
                        .cidrMask(20)
                        .build()))
                .build();
        this.taskSecurityGroup = SecurityGroup.Builder.create(this, "TaskSecurityGroup")
                .vpc(vpc)
                .description("ecs-lattice tasks: no inbound traffic, outbound to ECR, S3 and CloudWatch Logs")
                .allowAllOutbound(true)
                .build();
        if (mode == VpcMode.PRIVATE) {
            addEndpointsFargateNeeds();
        }
    }

    /** The endpoints a Fargate task in an isolated subnet needs to pull its image, ship its logs and (pool workers) reach SQS. */
    private void addEndpointsFargateNeeds() {
        // ECR serves image layers from S3, and the task runner writes its result there: one free gateway endpoint.
        vpc.addGatewayEndpoint("S3Endpoint", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3)
                .subnets(List.of(taskSubnets))
                .build());
        // One group for the interface endpoints, admitting HTTPS from the tasks and nothing else.
        SecurityGroup endpointSecurityGroup = SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
                .vpc(vpc)
                .description("ecs-lattice VPC endpoints: HTTPS from the tasks only")
                .allowAllOutbound(false)
                .build();
        endpointSecurityGroup.addIngressRule(taskSecurityGroup, Port.tcp(443), "HTTPS from ecs-lattice tasks");
        Map<String, IInterfaceVpcEndpointService> services = new LinkedHashMap<>();
        services.put("EcrApiEndpoint", InterfaceVpcEndpointAwsService.ECR);
        services.put("EcrDockerEndpoint", InterfaceVpcEndpointAwsService.ECR_DOCKER);
        services.put("LogsEndpoint", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
        // Pool workers take electrons from SQS and announce completions there.
        services.put("SqsEndpoint", InterfaceVpcEndpointAwsService.SQS);
        addInterfaceEndpoints(endpointSecurityGroup, services);
    }

    private void addInterfaceEndpoints(SecurityGroup endpointSecurityGroup, Map<String, IInterfaceVpcEndpointService> services) {
        services.forEach((id, service) -> vpc.addInterfaceEndpoint(id, InterfaceVpcEndpointOptions.builder()
                .service(service)
                .subnets(taskSubnets)
                .privateDnsEnabled(true)
                .securityGroups(List.of(endpointSecurityGroup))
                .open(false)
                .build()));
    }

    public Vpc vpc() {
        return vpc;
    }

    public SecurityGroup taskSecurityGroup() {
        return taskSecurityGroup;
    }

    /** The ids of the subnets the tasks run in, one per AZ. */
    public List<String> taskSubnetIds() {
        return vpc.selectSubnets(taskSubnets).getSubnetIds();
    }
}
