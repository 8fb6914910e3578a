package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.Wire;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * The one class that calls Service Quotas: {@code GetServiceQuota}, to learn an account's applied quota. Any answer
 * but a value (no permission, a code the region does not know, no network) is "unknown", never an error: the quota
 * only caps what the client starts, and AWS enforces it anyway.
 * <p>
 * One JSON call signed with SigV4 on the executor's HTTP client and credentials, rather than the SDK's
 * {@code servicequotas} module: the Maven repository this project builds from answered 404 for that module at the
 * SDK version the build pins (2.57.8), and one call did not justify mixing SDK versions.
 */
final class ServiceQuotas {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceQuotas.class);
    private static final String TARGET = "ServiceQuotasV20190624.GetServiceQuota";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final AwsCallCounter counter;

    /** @param endpointOverride null in the product (AWS_ENDPOINT_URL and the region decide); a test server's address in tests */
    ServiceQuotas(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpointOverride,
                  AwsCallCounter counter) {
        this.counter = counter;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpointOverride;
    }

    /** The applied value of quota {@code quotaCode} of {@code serviceCode} (e.g. fargate, L-3032A538), or empty when unknown. */
    OptionalDouble value(String serviceCode, String quotaCode) {
        try {
            byte[] body = Wire.mapper().writeValueAsBytes(java.util.Map.of("ServiceCode", serviceCode, "QuotaCode", quotaCode));
            URI uri = endpoint != null ? endpoint : AwsClientEndpointProvider.builder()
                    .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_SERVICE_QUOTAS")
                    .serviceEndpointOverrideSystemProperty("aws.endpointUrlServiceQuotas")
                    .serviceProfileProperty("service_quotas")
                    .serviceEndpointPrefix("servicequotas")
                    .defaultProtocol("https")
                    .region(region)
                    .build().clientEndpoint();
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", TARGET)
                    .build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .identity(credentials.resolveCredentials())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "servicequotas"));
            counter.counted("servicequotas:GetServiceQuota");
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            String text;
            try (InputStream in = response.responseBody().<InputStream>map(b -> b).orElse(InputStream.nullInputStream())) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!response.httpResponse().isSuccessful()) {
                LOG.info("Service Quotas did not tell {} {} (HTTP {}: {}); the quota is unknown", serviceCode, quotaCode,
                        response.httpResponse().statusCode(), text.length() > 300 ? text.substring(0, 300) : text);
                return OptionalDouble.empty();
            }
            JsonNode value = Wire.mapper().readTree(text).path("Quota").path("Value");
            return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
        } catch (Exception e) {
            // No network, no credentials, an unexpected answer: "unknown", said once per executor start.
            LOG.info("Service Quotas did not tell {} {} ({}); the quota is unknown", serviceCode, quotaCode, e.toString());
            return OptionalDouble.empty();
        }
    }
}
