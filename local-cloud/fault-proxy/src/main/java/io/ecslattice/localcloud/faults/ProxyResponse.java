package io.ecslattice.localcloud.faults;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One HTTP answer the proxy sends back: forwarded from moto, or made up as AWS would make it.
 *
 * @param status  HTTP status
 * @param headers response headers (without hop-by-hop ones and Content-Length)
 * @param body    response body; empty for none
 */
public record ProxyResponse(int status, Map<String, List<String>> headers, byte[] body) {

    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String JSON_10 = "application/x-amz-json-1.0";
    /** SQS's own throttling error (the SDK's {@code RequestThrottledException}), which SDKs retry as throttling. */
    private static final String SQS_THROTTLED = "RequestThrottled";

    public ProxyResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The answer AWS gives for {@code fault} on {@code call}, in the call's protocol. */
    public static ProxyResponse of(Fault fault, AwsCall call, boolean headRequest) {
        String requestId = UUID.randomUUID().toString();
        boolean sqs = call.service().equals("sqs");
        return switch (fault) {
            case THROTTLE -> switch (call.protocol()) {
                case JSON -> sqs ? sqsJsonThrottle(requestId) : jsonThrottle(requestId);
                case QUERY -> queryThrottle(sqs ? SQS_THROTTLED : "Throttling", sqs
                        ? "http://queue.amazonaws.com/doc/2012-11-05/" : null, requestId);
                case REST_XML -> s3SlowDown(requestId, headRequest);
            };
            case HTTP_429 -> plain(429, "Too Many Requests", requestId, headRequest);
            case HTTP_503 -> plain(503, "Service Unavailable", requestId, headRequest);
        };
    }

    /** RunTask's answer when no task could be placed: HTTP 200, no tasks, one failure with the reason. */
    public static ProxyResponse runTaskCapacityFailure(String reason) {
        String body = "{\"tasks\":[],\"failures\":[{\"reason\":" + jsonString(reason) + "}]}";
        return new ProxyResponse(200, Map.of("Content-Type", List.of(JSON_11),
                "x-amzn-RequestId", List.of(UUID.randomUUID().toString())), utf8(body));
    }

    /** A JSON body with status 200, for the proxy's own endpoints. */
    public static ProxyResponse json(int status, String body) {
        return new ProxyResponse(status, Map.of("Content-Type", List.of("application/json")), utf8(body));
    }

    private static ProxyResponse jsonThrottle(String requestId) {
        return new ProxyResponse(400, Map.of("Content-Type", List.of(JSON_11), "x-amzn-RequestId", List.of(requestId),
                "x-amzn-ErrorType", List.of("ThrottlingException")),
                utf8("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"));
    }

    /**
     * SQS in the JSON protocol (SDK v2): HTTP 400, the error's shape in {@code __type}, and, because SQS is
     * "awsQueryCompatible", its query-protocol code in {@code x-amzn-query-error} ("code;Sender"), which is
     * the code the SDK reports and classifies: {@code RequestThrottled} is among its throttling codes.
     */
    private static ProxyResponse sqsJsonThrottle(String requestId) {
        return new ProxyResponse(400, Map.of("Content-Type", List.of(JSON_10), "x-amzn-RequestId", List.of(requestId),
                "x-amzn-query-error", List.of(SQS_THROTTLED + ";Sender")),
                utf8("{\"__type\":\"com.amazonaws.sqs#" + SQS_THROTTLED + "\",\"message\":\"Rate exceeded\"}"));
    }

    /**
     * A query-protocol service's error document: HTTP 400 {@code <ErrorResponse>} with a Sender error of
     * {@code code} ({@code Throttling} for CloudFormation, STS and IAM; {@code RequestThrottled} for SQS).
     * EC2, which answers in another document shape, is not special-cased: nothing here calls EC2 through the proxy.
     */
    private static ProxyResponse queryThrottle(String code, String namespace, String requestId) {
        String xml = "<?xml version=\"1.0\"?>\n<ErrorResponse" + (namespace == null ? "" : " xmlns=\"" + namespace + "\"")
                + "><Error><Type>Sender</Type><Code>" + code + "</Code><Message>Rate exceeded</Message><Detail/></Error>"
                + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
        return new ProxyResponse(400, Map.of("Content-Type", List.of("text/xml"), "x-amzn-RequestId", List.of(requestId)),
                utf8(xml));
    }

    private static ProxyResponse s3SlowDown(String requestId, boolean headRequest) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message><RequestId>" + requestId
                + "</RequestId><HostId>ecs-lattice-fault-proxy</HostId></Error>";
        return new ProxyResponse(503, Map.of("Content-Type", List.of("application/xml"),
                "x-amz-request-id", List.of(requestId)), headRequest ? new byte[0] : utf8(xml));
    }

    private static ProxyResponse plain(int status, String text, String requestId, boolean headRequest) {
        return new ProxyResponse(status, Map.of("Content-Type", List.of("text/plain"),
                "x-amzn-RequestId", List.of(requestId)), headRequest ? new byte[0] : utf8(text));
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
