package io.ecslattice.localcloud.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which AWS service and operation an HTTP request calls, and in which protocol, read the way AWS routes
 * it: the service from the SigV4 credential scope, the operation from {@code X-Amz-Target} (JSON
 * protocols: ECS, Logs, ECR, and SQS as SDK v2 speaks it), from {@code Action=} (query protocols:
 * CloudFormation, STS, IAM, EC2, and SQS as older clients speak it), or from method and path (S3,
 * path-style as the SDK uses against an IP endpoint).
 *
 * @param service   lower-case signing name, e.g. {@code ecs}, {@code s3}, {@code logs}, {@code sqs};
 *                  {@code unknown} when the request is not a signed AWS call (moto's own API)
 * @param operation the API operation, e.g. {@code RunTask}, {@code GetObject}, {@code SendMessageBatch}
 * @param protocol  how the request was written, which is how its error answer must be written
 */
public record AwsCall(String service, String operation, Protocol protocol) {

    /** The wire protocol of a call: it decides the shape of an error answer. */
    public enum Protocol {
        /** {@code X-Amz-Target} and a JSON body; errors are JSON with {@code __type}. */
        JSON,
        /** Form-encoded {@code Action=}; errors are XML ({@code <ErrorResponse>}, or EC2's {@code <Response>}). */
        QUERY,
        /** S3's REST/XML; errors are XML {@code <Error>} (or no body for HEAD). */
        REST_XML
    }

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final Map<String, String> TARGET_PREFIXES = Map.of(
            "AmazonEC2ContainerServiceV20141113", "ecs",
            "Logs_20140328", "logs",
            "AmazonEC2ContainerRegistry_V20150921", "ecr",
            "AmazonSQS", "sqs");

    /** The call's key in statistics and rules: {@code service:Operation}. */
    public String key() {
        return service + ":" + operation;
    }

    public AwsCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * Classifies one request.
     *
     * @param method  HTTP method
     * @param path    raw path, without the query
     * @param query   raw query string, or null
     * @param headers request headers, looked up case-insensitively by the caller's map
     * @param body    the request body (for query-protocol calls the form-encoded parameters)
     */
    public static AwsCall classify(String method, String path, String query, HeaderLookup headers, byte[] body) {
        String target = headers.first("X-Amz-Target");
        String service = serviceFrom(headers.first("Authorization"), target);
        if (target != null && target.contains(".")) {
            return new AwsCall(service, target.substring(target.lastIndexOf('.') + 1), Protocol.JSON);
        }
        if (service.equals("s3")) {
            return new AwsCall(service, s3Operation(method, path, query), Protocol.REST_XML);
        }
        String form = query != null && query.contains("Action=") ? query : new String(body, StandardCharsets.UTF_8);
        Matcher action = ACTION.matcher(form);
        if (action.find()) {
            return new AwsCall(service, URLDecoder.decode(action.group(1), StandardCharsets.UTF_8), Protocol.QUERY);
        }
        // Not an AWS call the proxy knows (moto's own API); only a rule for service "*" can match it.
        return new AwsCall(service, method + " " + path, Protocol.JSON);
    }

    private static String serviceFrom(String authorization, String target) {
        if (authorization != null) {
            Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
            if (scope.find()) {
                return scope.group(1).toLowerCase(Locale.ROOT);
            }
        }
        if (target != null && target.contains(".")) {
            String prefix = target.substring(0, target.indexOf('.'));
            return TARGET_PREFIXES.getOrDefault(prefix, prefix.toLowerCase(Locale.ROOT));
        }
        return "unknown";
    }

    /** S3's REST operations by method and path shape (bucket or object), the ones our clients use. */
    private static String s3Operation(String method, String path, String query) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        boolean object = trimmed.indexOf('/') > 0 && trimmed.indexOf('/') < trimmed.length() - 1;
        String q = query == null ? "" : query;
        if (trimmed.isEmpty()) {
            return "ListBuckets";
        }
        return switch (method) {
            case "GET" -> object ? "GetObject" : q.contains("list-type=2") ? "ListObjectsV2" : "ListObjects";
            case "PUT" -> object ? (q.contains("partNumber=") ? "UploadPart" : "PutObject") : "CreateBucket";
            case "HEAD" -> object ? "HeadObject" : "HeadBucket";
            case "DELETE" -> object ? "DeleteObject" : "DeleteBucket";
            case "POST" -> q.contains("delete") ? "DeleteObjects" : object ? "PostObject" : "PostBucket";
            default -> method + "Object";
        };
    }

    /** Header access that leaves the case-insensitivity to the HTTP server's header map. */
    @FunctionalInterface
    public interface HeaderLookup {
        /** The first value of the header, or null. */
        String first(String name);
    }
}
