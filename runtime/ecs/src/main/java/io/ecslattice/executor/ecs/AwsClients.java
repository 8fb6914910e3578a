package io.ecslattice.executor.ecs;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of one executor: same region, credentials, HTTP connection pool, retry
 * policy (throttling and 5xx retried with exponential backoff and full jitter, counts and delays from
 * the settings) and call counter. The endpoint comes from {@code AWS_ENDPOINT_URL} when set, which the
 * SDK reads by itself: that is how the local cloud is reached, with no endpoint code here.
 */
final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final ClientOverrideConfiguration overrides;
    private final java.util.List<software.amazon.awssdk.utils.SdkAutoCloseable> built =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.net.URI endpoint;
    private final AwsCallCounter counter;

    /** @param endpoint null in the product (the SDK reads AWS_ENDPOINT_URL); a test server's address in tests */
    AwsClients(String region, AwsCredentialsProvider credentials, int maxAttempts, Duration baseDelay,
               Duration maxDelay, AwsCallCounter counter, java.net.URI endpoint) {
        this.endpoint = endpoint;
        this.counter = counter;
        this.http = ApacheHttpClient.builder().maxConnections(64).build();
        this.region = Region.of(region);
        this.credentials = credentials;
        this.overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxDelay))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxDelay))
                        // The circuit breaker stops retrying under sustained throttling: exactly when we need to go on.
                        .circuitBreakerEnabled(false)
                        .build())
                .addExecutionInterceptor(counter)
                .apiCallTimeout(Duration.ofMinutes(2))
                .build();
    }

    static AwsClients forSettings(EcsSettings settings, AwsCallCounter counter) {
        return new AwsClients(settings.region(), AwsEnvironment.system().credentials(settings),
                settings.apiMaxAttempts(), settings.retryBaseDelay(), settings.retryMaxDelay(), counter, null);
    }

    /**
     * Clients for reading the stack's outputs while settings resolve: at most 3 attempts, so a machine
     * without network or credentials gets its answer in seconds, not after the full retry budget.
     */
    static AwsClients forStackRead(EcsSettings settings, AwsCallCounter counter) {
        return new AwsClients(settings.region(), AwsEnvironment.system().credentials(settings),
                Math.min(3, settings.apiMaxAttempts()), settings.retryBaseDelay(), settings.retryMaxDelay(), counter, null);
    }

    EcsClient ecs() {
        return track(configure(EcsClient.builder()).build());
    }

    S3Client s3() {
        return track(configure(S3Client.builder()).build());
    }

    EcrClient ecr() {
        return track(configure(EcrClient.builder()).build());
    }

    CloudWatchLogsClient logs() {
        return track(configure(CloudWatchLogsClient.builder()).build());
    }

    SqsClient sqs() {
        return track(configure(SqsClient.builder()).build());
    }

    CloudFormationClient cloudFormation() {
        return track(configure(CloudFormationClient.builder()).build());
    }

    ServiceQuotas serviceQuotas() {
        return new ServiceQuotas(http, credentials, region, endpoint, counter);
    }

    AwsCredentialsProvider credentialsProvider() {
        return credentials;
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials).httpClient(http).overrideConfiguration(overrides);
        return endpoint == null ? builder : builder.endpointOverride(endpoint);
    }

    private <C extends software.amazon.awssdk.utils.SdkAutoCloseable> C track(C client) {
        built.add(client);
        return client;
    }

    /** Closes every client built here, then the shared connection pool. */
    @Override
    public void close() {
        built.forEach(software.amazon.awssdk.utils.SdkAutoCloseable::close);
        http.close();
    }
}
