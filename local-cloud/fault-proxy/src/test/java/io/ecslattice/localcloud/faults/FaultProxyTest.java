package io.ecslattice.localcloud.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The proxy against a real moto server, driven by real AWS SDK v2 clients. */
class FaultProxyTest extends ProxyAgainstMoto {

    private static FaultPlan rule(String service, String operation, double share, Fault fault) {
        return new FaultPlan(7, List.of(new FaultRule(service, operation, share, fault)), List.of());
    }

    @Test
    void forwardsEveryCallUnchangedWhenThePlanIsEmpty() throws Exception {
        try (FaultProxy proxy = proxy(FaultPlan.none());
             S3Client s3 = AwsClients.s3(proxy.endpoint(), 1);
             EcsClient ecs = AwsClients.ecs(proxy.endpoint(), 1);
             CloudWatchLogsClient logs = AwsClients.logs(proxy.endpoint(), 1)) {
            s3.createBucket(b -> b.bucket("pass-through"));
            s3.putObject(b -> b.bucket("pass-through").key("a/result.json"), RequestBody.fromString("{\"x\":1}"));
            assertEquals("{\"x\":1}", s3.getObjectAsBytes(b -> b.bucket("pass-through").key("a/result.json")).asUtf8String());
            assertEquals(7L, s3.headObject(b -> b.bucket("pass-through").key("a/result.json")).contentLength());
            assertEquals(List.of("a/result.json"), s3.listObjectsV2(b -> b.bucket("pass-through")).contents().stream()
                    .map(S3Object::key).toList());

            RunTaskResponse run = runTask(ecs, "pass-through", "node-0");
            assertEquals(1, run.tasks().size());

            logs.createLogGroup(b -> b.logGroupName("pass-through"));
            logs.createLogStream(b -> b.logGroupName("pass-through").logStreamName("s"));
            logs.putLogEvents(b -> b.logGroupName("pass-through").logStreamName("s")
                    .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("hello").build()));
            assertEquals(List.of("hello"), logs.getLogEvents(b -> b.logGroupName("pass-through").logStreamName("s"))
                    .events().stream().map(OutputLogEvent::message).toList());

            FaultStats stats = proxy.stats();
            assertEquals(0, stats.faultsAnswered());
            for (String key : List.of("s3:CreateBucket", "s3:PutObject", "s3:GetObject", "s3:HeadObject",
                    "s3:ListObjectsV2", "ecs:RunTask", "logs:PutLogEvents", "logs:GetLogEvents")) {
                assertEquals(1, stats.of(key).forwarded(), key + " in " + stats);
            }
            assertEquals(List.of(run.tasks().get(0).taskArn()), stats.startedTaskArns());
        }
    }

    @Test
    void aForwardedAnswerIsByteForByteWhatMotoSaid() throws Exception {
        try (FaultProxy proxy = proxy(FaultPlan.none()); EcsClient ecs = AwsClients.ecs(moto.endpoint(), 1)) {
            ecs.createCluster(b -> b.clusterName("byte-for-byte"));
            HttpResponse<String> direct = rawListClusters(moto.endpoint());
            HttpResponse<String> proxied = rawListClusters(proxy.endpoint());
            assertEquals(direct.statusCode(), proxied.statusCode());
            assertEquals(direct.body(), proxied.body());
            assertEquals(direct.headers().firstValue("Content-Type"), proxied.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void ecsThrottlingIsAThrottlingExceptionThatTheSdkRetries() throws Exception {
        try (FaultProxy proxy = proxy(rule("ecs", "ListClusters", 1.0, Fault.THROTTLE));
             EcsClient ecs = AwsClients.ecs(proxy.endpoint(), 3)) {
            EcsException thrown = assertThrows(EcsException.class, ecs::listClusters);
            assertEquals("ThrottlingException", thrown.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", thrown.awsErrorDetails().errorMessage());
            assertEquals(400, thrown.statusCode());
            assertTrue(thrown.isThrottlingException());
            assertEquals(3, proxy.stats().of("ecs:ListClusters").throttle(), "the SDK retried it: 3 attempts");
            assertEquals(0, proxy.stats().of("ecs:ListClusters").forwarded());
        }
    }

    @Test
    void logsThrottlingIsAThrottlingExceptionThatTheSdkRetries() throws Exception {
        try (FaultProxy proxy = proxy(rule("logs", "*", 1.0, Fault.THROTTLE));
             CloudWatchLogsClient logs = AwsClients.logs(proxy.endpoint(), 3)) {
            CloudWatchLogsException thrown = assertThrows(CloudWatchLogsException.class, logs::describeLogGroups);
            assertEquals("ThrottlingException", thrown.awsErrorDetails().errorCode());
            assertTrue(thrown.isThrottlingException());
            assertEquals(3, proxy.stats().of("logs:DescribeLogGroups").throttle());
        }
    }

    @Test
    void s3ThrottlingIsSlowDownWhichTheSdkRetries() throws Exception {
        try (FaultProxy proxy = proxy(rule("s3", "GetObject", 1.0, Fault.THROTTLE));
             S3Client s3 = AwsClients.s3(proxy.endpoint(), 3)) {
            s3.createBucket(b -> b.bucket("slow-down"));
            s3.putObject(b -> b.bucket("slow-down").key("k"), RequestBody.fromString("v"));
            S3Exception thrown = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("slow-down").key("k")));
            assertEquals("SlowDown", thrown.awsErrorDetails().errorCode());
            assertEquals(503, thrown.statusCode());
            assertTrue(thrown.isThrottlingException());
            assertEquals(3, proxy.stats().of("s3:GetObject").throttle());
            assertEquals(1, proxy.stats().of("s3:PutObject").forwarded(), "other operations pass");
        }
    }

    @Test
    void s3HeadThrottlingHasNoBodyAndIsRetried() throws Exception {
        try (FaultProxy proxy = proxy(rule("s3", "HeadObject", 1.0, Fault.THROTTLE));
             S3Client s3 = AwsClients.s3(proxy.endpoint(), 3)) {
            s3.createBucket(b -> b.bucket("head-slow-down"));
            S3Exception thrown = assertThrows(S3Exception.class,
                    () -> s3.headObject(b -> b.bucket("head-slow-down").key("k")));
            assertEquals(503, thrown.statusCode());
            assertEquals(3, proxy.stats().of("s3:HeadObject").throttle());
        }
    }

    @Test
    void http429IsThrottlingAndHttp503IsRetried() throws Exception {
        try (FaultProxy proxy = proxy(new FaultPlan(1, List.of(
                new FaultRule("ecs", "ListClusters", 1.0, Fault.HTTP_429),
                new FaultRule("ecs", "DescribeClusters", 1.0, Fault.HTTP_503)), List.of()));
             EcsClient ecs = AwsClients.ecs(proxy.endpoint(), 3)) {
            EcsException tooMany = assertThrows(EcsException.class, ecs::listClusters);
            assertEquals(429, tooMany.statusCode());
            assertTrue(tooMany.isThrottlingException());
            EcsException unavailable = assertThrows(EcsException.class, ecs::describeClusters);
            assertEquals(503, unavailable.statusCode());
            assertEquals(3, proxy.stats().of("ecs:ListClusters").http429());
            assertEquals(3, proxy.stats().of("ecs:DescribeClusters").http503());
        }
    }

    @Test
    void aSeededShareOfThrottlingIsAbsorbedByRetriesAndRepeatsWithTheSeed() throws Exception {
        long[] throttled = new long[2];
        for (int run = 0; run < 2; run++) {
            try (FaultProxy proxy = proxy(rule("ecs", "*", 0.3, Fault.THROTTLE));
                 EcsClient ecs = AwsClients.ecs(proxy.endpoint(), 10)) {
                for (int i = 0; i < 40; i++) {
                    ecs.listClusters();
                }
                FaultStats.CallCounts counts = proxy.stats().of("ecs:ListClusters");
                assertEquals(40, counts.forwarded());
                assertTrue(counts.throttle() > 5 && counts.throttle() < 40, "about 30% throttled: " + counts);
                throttled[run] = counts.throttle();
            }
        }
        assertEquals(throttled[0], throttled[1], "same seed, same calls, same faults");
    }

    @Test
    void runTaskReportsNoCapacityForTheFirstAttemptsOfSelectedTasks() throws Exception {
        FaultPlan plan = new FaultPlan(1, List.of(), List.of(
                new CapacityRule(Pattern.compile("\"startedBy\":\"(node-[12])\""), 2, "RESOURCE:MEMORY")));
        try (FaultProxy proxy = proxy(plan); EcsClient ecs = AwsClients.ecs(proxy.endpoint(), 1)) {
            ecs.createCluster(b -> b.clusterName("capacity"));
            for (int attempt = 1; attempt <= 2; attempt++) {
                RunTaskResponse refused = runTask(ecs, "capacity", "node-1");
                assertEquals(List.of(), refused.tasks());
                assertEquals("RESOURCE:MEMORY", refused.failures().get(0).reason());
            }
            assertEquals(1, runTask(ecs, "capacity", "node-1").tasks().size(), "third attempt placed");
            assertEquals(1, runTask(ecs, "capacity", "node-3").tasks().size(), "unselected task placed at once");
            assertEquals("RESOURCE:MEMORY", runTask(ecs, "capacity", "node-2").failures().get(0).reason());
            FaultStats stats = proxy.stats();
            assertEquals(3, stats.of("ecs:RunTask").capacity());
            assertEquals(2, stats.startedTaskArns().size());
        }
    }

    private static RunTaskResponse runTask(EcsClient ecs, String cluster, String startedBy) {
        ecs.createCluster(b -> b.clusterName(cluster));
        ecs.registerTaskDefinition(b -> b.family("fault-proxy-test")
                .containerDefinitions(c -> c.name("main").image("busybox").memory(128)));
        return ecs.runTask(b -> b.cluster(cluster).taskDefinition("fault-proxy-test").launchType(LaunchType.FARGATE)
                .startedBy(startedBy)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1").securityGroups("sg-1"))));
    }

    private static HttpResponse<String> rawListClusters(URI endpoint) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261125/us-east-1/ecs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
