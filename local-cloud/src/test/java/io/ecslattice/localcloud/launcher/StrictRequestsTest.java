package io.ecslattice.localcloud.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The launcher refuses each kind of request AWS refuses but moto alone accepts, with AWS's error code
 * (LOCAL-CLOUD-NOTES.md); a request within every limit still goes through.
 */
class StrictRequestsTest {
    private static MotoLauncher launcher;
    private static EcsClient ecs;
    private static MotoLauncher.Network network;
    private static String x86Definition;
    private static String armDefinition;

    @BeforeAll
    static void start() {
        launcher = MotoLauncher.start(0);
        ecs = launcher.client(EcsClient.builder());
        network = launcher.createNetwork("10.7");
        ecs.createCluster(b -> b.clusterName("strict"));
        x86Definition = register("strict-x86", CPUArchitecture.X86_64);
        armDefinition = register("strict-arm", CPUArchitecture.ARM64);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        ecs.close();
        launcher.close();
    }

    @Test
    void runTaskWithinEveryLimitStartsItsTask() {
        List<Tag> fiftyTags = IntStream.range(0, 50)
                .mapToObj(i -> Tag.builder().key("k" + i).value("Hello World: a/b=c+d-e@f_" + i).build()).toList();
        String env = "x".repeat(8192 - overridesJsonWithout(""));
        var response = ecs.runTask(runTask(b -> b.tags(fiftyTags).clientToken("t".repeat(64))
                .overrides(o -> o.containerOverrides(c -> c.name("task")
                        .environment(KeyValuePair.builder().name("SPEC").value(env).build())))));
        assertEquals(1, response.tasks().size());
    }

    @Test
    void tagValueWithACommaOrExclamationMarkIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "Some tags contain invalid characters",
                () -> ecs.runTask(runTask(b -> b.tags(Tag.builder().key("ecs-lattice:lattice").value("Hello, World!").build()))));
    }

    @Test
    void tagValueOver256CharactersIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "256",
                () -> ecs.runTask(runTask(b -> b.tags(Tag.builder().key("k").value("v".repeat(257)).build()))));
    }

    @Test
    void fiftyOneTagsAreAnInvalidParameter() {
        List<Tag> tags = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertRefused("InvalidParameterException", "at most 50", () -> ecs.runTask(runTask(b -> b.tags(tags))));
    }

    @Test
    void overridesCountTheirJsonTextSoEscapedQuotesPushAShortValueOverTheLimit() {
        String quotes = "\"".repeat(5000); // 5,000 characters raw, 10,000 once escaped in the overrides JSON
        assertRefused("InvalidParameterException", "Container Overrides length must be at most 8192",
                () -> ecs.runTask(runTask(b -> b.overrides(o -> o.containerOverrides(c -> c.name("task")
                        .environment(KeyValuePair.builder().name("SPEC").value(quotes).build()))))));
    }

    @Test
    void clientTokenOver64CharactersOrWithASpaceIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "clientToken",
                () -> ecs.runTask(runTask(b -> b.clientToken("t".repeat(65)))));
        assertRefused("InvalidParameterException", "clientToken",
                () -> ecs.runTask(runTask(b -> b.clientToken("with space"))));
    }

    @Test
    void startedByOver128CharactersOrWithADotIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "startedBy",
                () -> ecs.runTask(runTask(b -> b.startedBy("s".repeat(129)))));
        assertRefused("InvalidParameterException", "startedBy",
                () -> ecs.runTask(runTask(b -> b.startedBy("pool.a"))));
        assertEquals(1, ecs.runTask(runTask(b -> b.startedBy("a/B_c-" + "s".repeat(122)))).tasks().size());
    }

    @Test
    void countOverTenIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "1 to 10", () -> ecs.runTask(runTask(b -> b.count(11))));
    }

    @Test
    void fargateSpotWithArm64IsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "ARM64", () -> ecs.runTask(runTask(b -> b.launchType((String) null)
                .taskDefinition(armDefinition).capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT")))));
    }

    @Test
    void launchTypeTogetherWithACapacityProviderStrategyIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "launch type and capacity provider strategy",
                () -> ecs.runTask(runTask(b -> b.capacityProviderStrategy(s -> s.capacityProvider("FARGATE")))));
    }

    @Test
    void describeTasksOfMoreThan100TasksIsAnInvalidParameter() {
        List<String> arns = IntStream.range(0, 101).mapToObj(i -> "task-" + i).toList();
        assertRefused("InvalidParameterException", "100",
                () -> ecs.describeTasks(b -> b.cluster("strict").tasks(arns)));
    }

    @Test
    void listTasksWithStartedByBesideAnotherFilterIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "cannot specify startedBy with other arguments",
                () -> ecs.listTasks(b -> b.cluster("strict").startedBy("pool-a").desiredStatus("RUNNING")));
        assertRefused("InvalidParameterException", "cannot specify startedBy with other arguments",
                () -> ecs.listTasks(b -> b.cluster("strict").startedBy("pool-a").family("strict-x86")));
    }

    @Test
    void listTasksByStartedByAloneListsTheTasksMeantToRunAsTheDefaultDesiredStatusIsRunning() {
        String startedBy = "list-" + System.nanoTime();
        String running = ecs.runTask(runTask(b -> b.startedBy(startedBy))).tasks().get(0).taskArn();
        String stopped = ecs.runTask(runTask(b -> b.startedBy(startedBy))).tasks().get(0).taskArn();
        ecs.stopTask(b -> b.cluster("strict").task(stopped).reason("test"));

        assertEquals(List.of(running), ecs.listTasks(b -> b.cluster("strict").startedBy(startedBy)).taskArns());
        assertTrue(ecs.listTasks(b -> b.cluster("strict").desiredStatus("STOPPED")).taskArns().contains(stopped));
    }

    @Test
    void familyWithCharactersOutsideLettersDigitsUnderscoreHyphenIsAClientException() {
        assertRefused("ClientException", "Family contains invalid characters",
                () -> register("hello.world", CPUArchitecture.X86_64));
        assertRefused("ClientException", "Family contains invalid characters",
                () -> register("f".repeat(256), CPUArchitecture.X86_64));
    }

    @Test
    void containerNameWithInvalidCharactersIsAClientException() {
        assertRefused("ClientException", "Container.name contains invalid characters",
                () -> ecs.registerTaskDefinition(b -> b.family("named").cpu("256").memory("512")
                        .requiresCompatibilitiesWithStrings("FARGATE")
                        .containerDefinitions(c -> c.name("my task").image("i").memory(512))));
    }

    @Test
    void cpuAndMemoryThatFormNoFargateSizeAreAClientException() {
        assertRefused("ClientException", "No Fargate configuration exists for given values",
                () -> ecs.registerTaskDefinition(b -> b.family("sized").cpu("256").memory("4096")
                        .requiresCompatibilitiesWithStrings("FARGATE")
                        .containerDefinitions(c -> c.name("task").image("i").memory(512))));
    }

    @Test
    void clusterNameWithASpaceIsAnInvalidParameter() {
        assertRefused("InvalidParameterException", "Cluster name", () -> ecs.createCluster(b -> b.clusterName("my cluster")));
    }

    @Test
    void ecrRepositoryNameOutsideItsModelPatternIsAnInvalidParameter() {
        try (EcrClient ecr = launcher.client(EcrClient.builder())) {
            assertRefused("InvalidParameterException", "failed to satisfy constraint: Member must satisfy regular expression",
                    () -> ecr.createRepository(b -> b.repositoryName("Task_Images")));
        }
    }

    @Test
    void logGroupNameOutsideItsModelPatternIsAnInvalidParameter() {
        try (CloudWatchLogsClient logs = launcher.client(CloudWatchLogsClient.builder())) {
            assertRefused("InvalidParameterException", "at 'logGroupName' failed to satisfy constraint",
                    () -> logs.createLogGroup(b -> b.logGroupName("task logs!")));
            assertRefused("InvalidParameterException", "at 'logStreamName' failed to satisfy constraint",
                    () -> logs.createLogStream(b -> b.logGroupName("g").logStreamName("a:b")));
        }
    }

    @Test
    void sqsQueueNameOver80CharactersOrWithOtherCharactersAndBatchesOfElevenAreRefused() {
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            assertRefused("InvalidParameterValue", "1 to 80", () -> sqs.createQueue(b -> b.queueName("q".repeat(81))));
            assertRefused("InvalidParameterValue", "alphanumeric characters, hyphens, or underscores",
                    () -> sqs.createQueue(b -> b.queueName("stack.done:d1")));
            assertEquals("q".repeat(80), sqs.createQueue(b -> b.queueName("q".repeat(80))).queueUrl().replaceAll(".*/", ""));
            String queue = usableQueue(sqs, "strict", Map.of());
            List<SendMessageBatchRequestEntry> eleven = IntStream.range(0, 11)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("b").build()).toList();
            assertRefused("TooManyEntriesInBatchRequest", "10",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(eleven)));
            assertRefused("InvalidParameterValue", "MaxNumberOfMessages",
                    () -> sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(11)));
        }
    }

    @Test
    void sqsVisibilityBeyondTheCapCountedFromTheReceiptIsAnInvalidParameterValue() throws Exception {
        // SQS keeps a received message invisible for at most 12 h from its receipt; shortened here to 5 s.
        setVisibilityCap(5);
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            String queue = usableQueue(sqs, "strict-cap", Map.of());
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("long electron"));
            String receipt = sqs.receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(1).waitTimeSeconds(1))
                    .messages().get(0).receiptHandle();
            sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(receipt).visibilityTimeout(4));
            assertRefused("InvalidParameterValue", "beyond the limit [5 seconds]",
                    () -> sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(receipt).visibilityTimeout(6)));
        } finally {
            setVisibilityCap(43200);
        }
    }

    @Test
    void aNewQueueDoesNotExistForItsFirstSecondAsSqsAsksToWait() {
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            String queue = sqs.createQueue(b -> b.queueName("strict-settling")).queueUrl();
            QueueDoesNotExistException early = assertThrows(QueueDoesNotExistException.class,
                    () -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("too soon")));
            assertEquals("AWS.SimpleQueueService.NonExistentQueue", early.awsErrorDetails().errorCode());
            await("strict-settling usable").atMost(Duration.ofSeconds(5)).ignoreException(QueueDoesNotExistException.class)
                    .until(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("now")).messageId() != null);
        }
    }

    @Test
    void aQueueNameDeletedLessThan60SecondsAgoIsQueueDeletedRecently() {
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            String queue = usableQueue(sqs, "strict-deleted", Map.of());
            sqs.deleteQueue(b -> b.queueUrl(queue));
            assertRefused("AWS.SimpleQueueService.QueueDeletedRecently", "wait 60 seconds",
                    () -> sqs.createQueue(b -> b.queueName("strict-deleted")));
        }
    }

    @Test
    void aSecondPurgeWithin60SecondsIsPurgeQueueInProgress() {
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            String queue = usableQueue(sqs, "strict-purged", Map.of());
            sqs.purgeQueue(b -> b.queueUrl(queue));
            assertRefused("AWS.SimpleQueueService.PurgeQueueInProgress", "every 60 seconds",
                    () -> sqs.purgeQueue(b -> b.queueUrl(queue)));
        }
    }

    @Test
    void queueAttributesOutsideSqsRangesAndARedrivePolicyToNoQueueAreRefused() {
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            assertRefused("InvalidAttributeValue", "VisibilityTimeout", () -> sqs.createQueue(b -> b.queueName("strict-attr")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))));
            assertRefused("InvalidAttributeValue", "MessageRetentionPeriod", () -> sqs.createQueue(b -> b.queueName("strict-attr")
                    .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "59"))));
            String dlq = usableQueue(sqs, "strict-attr-dlq", Map.of());
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertRefused("InvalidParameterValue", "valid values are from 1 to 1000", () -> sqs.createQueue(b -> b
                    .queueName("strict-attr").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive(dlqArn, 1001)))));
            assertRefused("InvalidParameterValue", "Dead letter target does not exist", () -> sqs.createQueue(b -> b
                    .queueName("strict-attr").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive(dlqArn + "-gone", 3)))));
            String queue = usableQueue(sqs, "strict-attr", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43200",
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60", QueueAttributeName.REDRIVE_POLICY, redrive(dlqArn, 1000)));
            assertRefused("InvalidAttributeValue", "VisibilityTimeout", () -> sqs.setQueueAttributes(b -> b.queueUrl(queue)
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "-1"))));
        }
    }

    @Test
    void messagesAreMeasuredInUtf8BytesAgainstTheQueueMaximumAndBatchesAgainst1MiB() {
        try (SqsClient sqs = launcher.client(SqsClient.builder())) {
            String small = usableQueue(sqs, "strict-size", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "262144"));
            String twoByteChars = "\u00e9".repeat(131_073); // 131,073 characters, 262,146 UTF-8 bytes
            assertRefused("InvalidParameterValue", "shorter than 262144 bytes",
                    () -> sqs.sendMessage(b -> b.queueUrl(small).messageBody(twoByteChars)));
            assertRefused("InvalidMessageContents", "#x0", () -> sqs.sendMessage(b -> b.queueUrl(small).messageBody("a\u0000b")));
            String large = usableQueue(sqs, "strict-size-large", Map.of()); // 1 MiB, SQS's default since 2025
            sqs.sendMessage(b -> b.queueUrl(large).messageBody("x".repeat(1_048_576)));
            List<SendMessageBatchRequestEntry> twoHalves = IntStream.range(0, 2).mapToObj(i -> SendMessageBatchRequestEntry
                    .builder().id("m" + i).messageBody("x".repeat(524_289)).build()).toList();
            assertRefused("AWS.SimpleQueueService.BatchRequestTooLong", "1048576",
                    () -> sqs.sendMessageBatch(b -> b.queueUrl(large).entries(twoHalves)));
        }
    }

    private static String redrive(String deadLetterArn, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    }

    /** Creates the queue and waits out the second SQS takes before a new queue can be used. */
    private static String usableQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        String queue = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        await(name + " usable").atMost(Duration.ofSeconds(5)).ignoreException(QueueDoesNotExistException.class)
                .until(() -> sqs.getQueueAttributes(b -> b.queueUrl(queue)) != null);
        return queue;
    }

    private static void setVisibilityCap(int seconds) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        launcher.endpoint().resolve("/_local-cloud/sqs/visibility-cap"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"seconds\": " + seconds + "}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void s3BucketNameWithAReservedPrefixAndKeysOver1024BytesAreRefused() {
        try (S3Client s3 = launcher.client(S3Client.builder().forcePathStyle(true))) {
            assertRefused("InvalidBucketName", "not valid", () -> s3.createBucket(b -> b.bucket("xn--task-resources")));
            s3.createBucket(b -> b.bucket("strict-bucket"));
            assertRefused("KeyTooLongError", "too long", () -> s3.putObject(b -> b.bucket("strict-bucket")
                    .key("k".repeat(1025)), RequestBody.fromString("x")));
        }
    }

    // --- Fargate vCPU quotas (quotas.py) --------------------------------------------------------------

    @Test
    void runTaskBeyondTheFargateVcpuQuotaAnswersFailuresNotAnErrorAndSpotCountsApart() throws Exception {
        // A cluster of its own at the default quota (6 vCPUs on-demand, 6 on Spot), apart from the other cases' tasks.
        ecs.createCluster(b -> b.clusterName("strict-quota"));
        control("/_local-cloud/ecs/vcpu-quota", "{\"cluster\": \"strict-quota\"}");
        String twoVcpus = ecs.registerTaskDefinition(b -> b.family("strict-2vcpu").networkMode("awsvpc").cpu("2048")
                .memory("4096").requiresCompatibilitiesWithStrings("FARGATE")
                .containerDefinitions(c -> c.name("task").image("000000000000.dkr.ecr.us-east-1.amazonaws.com/r:t")
                        .memory(4096))).taskDefinition().taskDefinitionArn();

        var four = ecs.runTask(runTask(b -> b.cluster("strict-quota").taskDefinition(twoVcpus).count(4)));
        assertEquals(3, four.tasks().size(), "6 vCPUs hold three tasks of 2");
        assertEquals(1, four.failures().size());
        assertEquals("You’ve reached the limit on the number of vCPUs you can run concurrently", four.failures().get(0).reason());
        var spot = ecs.runTask(runTask(b -> b.cluster("strict-quota").taskDefinition(twoVcpus).count(3).launchType((String) null)
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT"))));
        assertEquals(3, spot.tasks().size(), "Spot has a quota of its own");

        ecs.stopTask(b -> b.cluster("strict-quota").task(four.tasks().get(0).taskArn()));
        var afterStop = ecs.runTask(runTask(b -> b.cluster("strict-quota").taskDefinition(twoVcpus)));
        assertEquals(1, afterStop.tasks().size(), "a stopped task gives its vCPUs back: " + afterStop.failures());
    }

    @Test
    void serviceQuotasAnswersTheFargateVcpuQuotasWhereMotoHasNone() throws Exception {
        for (String code : List.of("L-3032A538", "L-36FBB829")) {
            var answer = getServiceQuota("fargate", code);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"QuotaCode\": \"" + code + "\"") && answer.body().contains("\"Value\": 6.0"),
                    answer.body());
        }
        assertTrue(getServiceQuota("fargate", "L-00000000").body().contains("NoSuchResourceException"));
    }

    /** GetServiceQuota as the SDK sends it (JSON 1.1, a SigV4 credential scope naming the service; moto checks no signature). */
    private static java.net.http.HttpResponse<String> getServiceQuota(String service, String code) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(launcher.endpoint())
                        .header("X-Amz-Target", "ServiceQuotasV20190624.GetServiceQuota")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261207/us-east-1/servicequotas/aws4_request, "
                                + "SignedHeaders=host, Signature=0")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"ServiceCode\": \"" + service + "\", \"QuotaCode\": \"" + code + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSinglePutOverTheCapIsEntityTooLargeAndAMultipartUploadOfItsPartsIsNot() throws Exception {
        // S3 takes at most 5 GB in one PUT; capped here at 1 MiB for keys under strict-put/big/.
        control("/_local-cloud/s3/put-cap", "{\"bytes\": 1048576, \"prefix\": \"strict-put/big/\"}");
        try (S3Client s3 = launcher.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("strict-put"));
            byte[] over = new byte[1_048_577];
            assertRefused("EntityTooLarge", "exceeds the maximum allowed object size",
                    () -> s3.putObject(b -> b.bucket("strict-put").key("big/one"), RequestBody.fromBytes(over)));
            s3.putObject(b -> b.bucket("strict-put").key("small/one"), RequestBody.fromBytes(over));
            String upload = s3.createMultipartUpload(b -> b.bucket("strict-put").key("big/parts")).uploadId();
            assertRefused("EntityTooLarge", "exceeds the maximum allowed object size", () -> s3.uploadPart(b -> b
                    .bucket("strict-put").key("big/parts").uploadId(upload).partNumber(1), RequestBody.fromBytes(over)));
            s3.uploadPart(b -> b.bucket("strict-put").key("big/parts").uploadId(upload).partNumber(1),
                    RequestBody.fromBytes(new byte[1_048_576]));
        } finally {
            control("/_local-cloud/s3/put-cap", "{\"bytes\": null, \"prefix\": \"strict-put/big/\"}");
        }
    }

    @Test
    void filterLogEventsMayAnswerAnEmptyFirstPageWhoseTokenLeadsToTheEvents() throws Exception {
        control("/_local-cloud/logs/empty-pages", "{\"everyNth\": 1}");
        try (CloudWatchLogsClient logs = launcher.client(CloudWatchLogsClient.builder())) {
            logs.createLogGroup(b -> b.logGroupName("strict-filter"));
            logs.createLogStream(b -> b.logGroupName("strict-filter").logStreamName("worker/1"));
            logs.putLogEvents(b -> b.logGroupName("strict-filter").logStreamName("worker/1")
                    .logEvents(e -> e.timestamp(System.currentTimeMillis()).message("dispatch d1, node 3, attempt 1")));

            var first = logs.filterLogEvents(b -> b.logGroupName("strict-filter").filterPattern("\"node 3\""));
            assertTrue(first.events().isEmpty(), first.toString());
            assertTrue(first.nextToken() != null, "an empty page says there is more");
            var second = logs.filterLogEvents(b -> b.logGroupName("strict-filter").filterPattern("\"node 3\"")
                    .nextToken(first.nextToken()));
            assertEquals(List.of("worker/1"), second.events().stream().map(e -> e.logStreamName()).toList());
        } finally {
            control("/_local-cloud/logs/empty-pages", "{\"everyNth\": 3}");
        }
    }

    private static void control(String path, String json) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        launcher.endpoint().resolve(path)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String register(String family, CPUArchitecture architecture) {
        return ecs.registerTaskDefinition(b -> b.family(family).networkMode("awsvpc").cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .runtimePlatform(p -> p.cpuArchitecture(architecture).operatingSystemFamily("LINUX"))
                .containerDefinitions(c -> c.name("task").image("000000000000.dkr.ecr.us-east-1.amazonaws.com/r:t")
                        .memory(512))).taskDefinition().taskDefinitionArn();
    }

    /** A valid Fargate RunTask, changed by {@code change}. */
    private static RunTaskRequest runTask(Consumer<RunTaskRequest.Builder> change) {
        RunTaskRequest.Builder builder = RunTaskRequest.builder().cluster("strict").taskDefinition(x86Definition)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(network.subnet())
                        .securityGroups(network.securityGroup())));
        change.accept(builder);
        return builder.build();
    }

    /** Length of the overrides JSON whose one environment value is {@code value}: what ECS counts. */
    private static int overridesJsonWithout(String value) {
        return ("{\"containerOverrides\":[{\"name\":\"task\",\"environment\":[{\"name\":\"SPEC\",\"value\":\""
                + value + "\"}]}]}").length();
    }

    private static void assertRefused(String code, String messagePart, Executable call) {
        AwsServiceException refused = assertThrows(AwsServiceException.class, call);
        assertEquals(code, refused.awsErrorDetails().errorCode(), refused.getMessage());
        assertEquals(400, refused.statusCode(), refused.getMessage());
        assertTrue(refused.awsErrorDetails().errorMessage().contains(messagePart),
                "message " + refused.awsErrorDetails().errorMessage() + " should say " + messagePart);
    }
}
