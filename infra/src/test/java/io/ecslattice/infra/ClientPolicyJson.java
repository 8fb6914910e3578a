package io.ecslattice.infra;

/** The client policy's statements as the template must hold them, spelled out once for every test that checks them. */
final class ClientPolicyJson {
    private ClientPolicyJson() {
    }

    private static String arn(String service, String resource) {
        return "{'Fn::Join': ['', ['arn:', {'Ref': 'AWS::Partition'}, ':" + service + ":', {'Ref': 'AWS::Region'},"
                + " ':', {'Ref': 'AWS::AccountId'}, '" + resource + "']]}";
    }

    private static final String CLUSTER_TASKS = "{'Fn::Join': ['', ['arn:', {'Ref': 'AWS::Partition'}, ':ecs:',"
            + " {'Ref': 'AWS::Region'}, ':', {'Ref': 'AWS::AccountId'}, ':task/', {'Ref': 'ClusterEB0386A7'}, '/*']]}";

    /** The ARN pattern of the queues named under the stack's prefix. */
    static String poolQueues(String stackName) {
        return "{'Fn::Join': ['', ['arn:', {'Ref': 'AWS::Partition'}, ':sqs:', {'Ref': 'AWS::Region'}, ':',"
                + " {'Ref': 'AWS::AccountId'}, ':" + stackName + "_*']]}";
    }

    /** The complete statement list for a stack with this name, task family and log group. */
    static String statements(String stackName, String family, String logGroup) {
        return """
            [{'Sid': 'TaskDefinitions', 'Effect': 'Allow', 'Resource': '*',
              'Action': ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition']},
             {'Sid': 'RunTasksOfTheFamilyOnThisCluster', 'Effect': 'Allow', 'Action': 'ecs:RunTask',
              'Resource': %s,
              'Condition': {'ArnEquals': {'ecs:cluster': {'Fn::GetAtt': ['ClusterEB0386A7', 'Arn']}}}},
             {'Sid': 'WatchAndStopTasksOnThisCluster', 'Effect': 'Allow', 'Action': ['ecs:DescribeTasks', 'ecs:StopTask'],
              'Resource': %s,
              'Condition': {'ArnEquals': {'ecs:cluster': {'Fn::GetAtt': ['ClusterEB0386A7', 'Arn']}}}},
             {'Sid': 'CountPoolWorkersOnThisCluster', 'Effect': 'Allow', 'Action': 'ecs:ListTasks', 'Resource': '*',
              'Condition': {'ArnEquals': {'ecs:cluster': {'Fn::GetAtt': ['ClusterEB0386A7', 'Arn']}}}},
             {'Sid': 'TagTasksAtRunTask', 'Effect': 'Allow', 'Action': 'ecs:TagResource',
              'Resource': %s,
              'Condition': {'StringEquals': {'ecs:CreateAction': 'RunTask'}}},
             {'Sid': 'PassTheTaskRolesToEcs', 'Effect': 'Allow', 'Action': 'iam:PassRole',
              'Resource': [{'Fn::GetAtt': ['RolesTaskExecutionRole0AB78B4E', 'Arn']},
                           {'Fn::GetAtt': ['RolesTaskRoleF8D8DD59', 'Arn']}],
              'Condition': {'StringEquals': {'iam:PassedToService': 'ecs-tasks.amazonaws.com'}}},
             {'Sid': 'EcrLogin', 'Effect': 'Allow', 'Action': 'ecr:GetAuthorizationToken', 'Resource': '*'},
             {'Sid': 'PushAndDescribeTaskImages', 'Effect': 'Allow',
              'Action': ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart',
                         'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer',
                         'ecr:DescribeRepositories'],
              'Resource': {'Fn::GetAtt': ['TaskImages54853940', 'Arn']}},
             {'Sid': 'PullBaseImagesOfThisAccount', 'Effect': 'Allow',
              'Action': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
              'Resource': %s},
             {'Sid': 'ListTaskArtifacts', 'Effect': 'Allow', 'Action': 's3:ListBucket',
              'Resource': {'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']}},
             {'Sid': 'ReadAndWriteTaskArtifacts', 'Effect': 'Allow', 'Action': ['s3:PutObject', 's3:GetObject'],
              'Resource': {'Fn::Join': ['', [{'Fn::GetAtt': ['TaskResources0EB1104D', 'Arn']}, '/*']]}},
             {'Sid': 'ReadTaskLogs', 'Effect': 'Allow',
              'Action': ['logs:GetLogEvents', 'logs:FilterLogEvents'],
              'Resource': [%s, %s]},
             {'Sid': 'PoolQueuesOfThisStack', 'Effect': 'Allow',
              'Action': ['sqs:CreateQueue', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:SendMessage',
                         'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:PurgeQueue', 'sqs:DeleteQueue',
                         'sqs:SetQueueAttributes'],
              'Resource': %s},
             {'Sid': 'FindPoolQueues', 'Effect': 'Allow', 'Action': 'sqs:ListQueues', 'Resource': '*'},
             {'Sid': 'ReadThisStacksOutputs', 'Effect': 'Allow', 'Action': 'cloudformation:DescribeStacks',
              'Resource': {'Ref': 'AWS::StackId'}},
             {'Sid': 'ReadFargateVcpuQuotas', 'Effect': 'Allow', 'Action': 'servicequotas:GetServiceQuota',
              'Resource': '*'}]
            """.formatted(
                arn("ecs", ":task-definition/" + family + "-*:*"),
                CLUSTER_TASKS,
                CLUSTER_TASKS,
                arn("ecr", ":repository/*"),
                arn("logs", ":log-group:" + logGroup),
                arn("logs", ":log-group:" + logGroup + ":*"),
                poolQueues(stackName));
    }
}
