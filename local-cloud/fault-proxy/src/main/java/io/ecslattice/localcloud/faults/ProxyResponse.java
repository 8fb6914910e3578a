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

    public ProxyResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The answer AWS gives for {@code fault} on {@code call}, in the call's protocol. */
    public static ProxyResponse of(Fault fault, AwsCall call, boolean headRequest) {
        String requestId = UUID.randomUUID().toString();
        return switch (fault) {
            case THROTTLE -> call.jsonProtocol() ? jsonThrottle(requestId) : s3SlowDown(requestId, headRequest);
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
