package io.ecslattice.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The two roles ECS assumes for a task, with exactly the documented policies (DESIGN.md section 4):
 * the execution role (the ECS agent pulls the image and creates the log stream) and the task role
 * (the container reads and writes task artifacts, and may call Amazon Braket).
 */
public final class TaskRoles extends Construct {
    private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    private final Role executionRole;
    private final Role taskRole;

    TaskRoles(Construct scope, String id, StackSettings settings, IBucket bucket) {
        super(scope, id);
        Role.Builder execution = Role.Builder.create(this, "TaskExecutionRole")
                .assumedBy(new ServicePrincipal(ECS_TASKS))
                .description("ecs-lattice: lets ECS pull task images and write task logs")
                .inlinePolicies(Map.of("TaskExecution", PolicyDocument.Builder.create()
                        .statements(executionStatements(settings.secretArns())).build()));
        settings.ecsTaskExecutionRoleName().ifPresent(execution::roleName);
        this.executionRole = execution.build();

        Role.Builder task = Role.Builder.create(this, "TaskRole")
                .assumedBy(new ServicePrincipal(ECS_TASKS))
                .description("ecs-lattice: what a task's own code may call")
                .inlinePolicies(Map.of("Task", PolicyDocument.Builder.create()
                        .statements(taskStatements(settings.braketAccess(), bucket,
                                ClientPolicy.poolQueues(Stack.of(this)))).build()));
        settings.ecsTaskRoleName().ifPresent(task::roleName);
        this.taskRole = task.build();
    }

    /**
     * As documented: ECR pull and log writing on every resource; and, only for the secrets named by the context value
     * {@code secretArns}, reading them (ECS fetches a task definition's secrets with this role; none when absent).
     */
    static List<PolicyStatement> executionStatements(List<String> secretArns) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create()
                .actions(List.of(
                        "ecr:GetAuthorizationToken",
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents"))
                .resources(List.of("*"))
                .build());
        List<String> secrets = secretArns.stream().filter(arn -> arn.contains(":secretsmanager:")).toList();
        List<String> parameters = secretArns.stream().filter(arn -> arn.contains(":ssm:")).toList();
        if (!secrets.isEmpty()) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:GetSecretValue")).resources(secrets).build());
        }
        if (!parameters.isEmpty()) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("ssm:GetParameters")).resources(parameters).build());
        }
        return statements;
    }

    /**
     * As documented: Braket (unless switched off), the task artifacts in this stack's bucket only, and what a
     * pool worker does on the stack's queues (take work, keep it while running, hand it back, report completions).
     */
    static List<PolicyStatement> taskStatements(boolean braketAccess, IBucket bucket, String poolQueues) {
        List<PolicyStatement> statements = new ArrayList<>();
        if (braketAccess) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("braket:*"))
                    .resources(List.of("*"))
                    .build());
        }
        statements.add(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject", "s3:GetObject", "s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn(), bucket.arnForObjects("*")))
                .build());
        statements.add(PolicyStatement.Builder.create()
                .actions(List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:SendMessage"))
                .resources(List.of(poolQueues))
                .build());
        return statements;
    }

    public Role executionRole() {
        return executionRole;
    }

    public Role taskRole() {
        return taskRole;
    }
}
