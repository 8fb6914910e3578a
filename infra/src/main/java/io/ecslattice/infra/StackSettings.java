package io.ecslattice.infra;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything a deployment may choose, read from CDK context values ({@code cdk deploy -c vpcMode=private},
 * {@code make synth CDK_CONTEXT="vpcMode=private"}) with the defaults documented in README.md.
 * Names default to the lowercased stack name as prefix, so two stacks never share a cluster or a repository;
 * the bucket and role names default to ones CloudFormation generates, which never collide with what an
 * account already holds. The stack's outputs carry the real names either way.
 */
public record StackSettings(
        String stackName,
        String namePrefix,
        Optional<String> s3BucketName,
        String ecrRepoName,
        String ecsClusterName,
        String ecsTaskFamilyName,
        String ecsTaskLogGroupName,
        Optional<String> ecsTaskExecutionRoleName,
        Optional<String> ecsTaskRoleName,
        int artifactExpiryDays,
        int logRetentionDays,
        int imagesToKeep,
        boolean braketAccess,
        VpcMode vpcMode,
        List<String> secretArns) {

    public static final String DEFAULT_STACK_NAME = "EcsLatticeStack";
    public static final int DEFAULT_ARTIFACT_EXPIRY_DAYS = 30;
    public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
    public static final int DEFAULT_IMAGES_TO_KEEP = 50;

    /** Every context key the stack reads; README.md documents each. */
    public static final List<String> CONTEXT_KEYS = List.of("stackName", "namePrefix", "s3BucketName", "ecrRepoName",
            "ecsClusterName", "ecsTaskFamilyName", "ecsTaskLogGroupName", "ecsTaskExecutionRoleName", "ecsTaskRoleName",
            "artifactExpiryDays", "logRetentionDays", "imagesToKeep", "braketAccess", "vpcMode", "secretArns");

    /** The retention periods CloudWatch Logs accepts. */
    static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern NAME_PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern ECR_REPO_NAME =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** The executor appends "-" and a 16-hex content hash to the family; ECS allows 255 characters in all. */
    private static final Pattern TASK_FAMILY_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,238}");
    private static final Pattern LOG_GROUP_NAME = Pattern.compile("[A-Za-z0-9._/#-]{1,512}");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    /**
     * Whole ARNs of a Secrets Manager secret or an SSM parameter, the two forms a task definition's secret takes (the
     * executor checks its .secret(...) values the same way: the wire module's TaskEnvironment); no wildcards, so the
     * execution role reads exactly the secrets named.
     */
    private static final Pattern SECRET_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:(secretsmanager:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}"
            + ":secret:[A-Za-z0-9/_+=.@-]+|ssm:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:parameter/[A-Za-z0-9/_.-]+)");

    public StackSettings {
        require("stackName", stackName, STACK_NAME, "a letter, then letters, digits or '-', at most 128");
        require("namePrefix", namePrefix, NAME_PREFIX, "lowercase letters, digits or '-', at most 100");
        s3BucketName.ifPresent(name -> require("s3BucketName", name, BUCKET_NAME,
                "3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit"));
        if (ecrRepoName.length() < 2 || ecrRepoName.length() > 256) {
            throw new SettingsException("ecrRepoName", ecrRepoName, "2-256 characters");
        }
        require("ecrRepoName", ecrRepoName, ECR_REPO_NAME, "lowercase letters and digits separated by '.', '_', '-' or '/'");
        require("ecsClusterName", ecsClusterName, ECS_NAME, "1-255 letters, digits, '_' or '-'");
        require("ecsTaskFamilyName", ecsTaskFamilyName, TASK_FAMILY_PREFIX,
                "1-238 letters, digits, '_' or '-' (the executor appends '-' and a 16-character content hash)");
        require("ecsTaskLogGroupName", ecsTaskLogGroupName, LOG_GROUP_NAME, "1-512 letters, digits, '.', '_', '/', '#' or '-'");
        ecsTaskExecutionRoleName.ifPresent(name -> require("ecsTaskExecutionRoleName", name, ROLE_NAME,
                "1-64 letters, digits or '+=,.@_-'"));
        ecsTaskRoleName.ifPresent(name -> require("ecsTaskRoleName", name, ROLE_NAME,
                "1-64 letters, digits or '+=,.@_-'"));
        if (ecsTaskExecutionRoleName.isPresent() && ecsTaskExecutionRoleName.equals(ecsTaskRoleName)) {
            throw new SettingsException("ecsTaskRoleName", ecsTaskRoleName.get(),
                    "a name different from ecsTaskExecutionRoleName");
        }
        if (artifactExpiryDays < 1) {
            throw new SettingsException("artifactExpiryDays", artifactExpiryDays, "a whole number of days >= 1");
        }
        if (!LOG_RETENTION_DAYS.contains(logRetentionDays)) {
            throw new SettingsException("logRetentionDays", logRetentionDays, "one of " + LOG_RETENTION_DAYS);
        }
        if (imagesToKeep < 1 || imagesToKeep > 10_000) {
            throw new SettingsException("imagesToKeep", imagesToKeep, "a whole number from 1 to 10000");
        }
        if (vpcMode == null) {
            throw new SettingsException("vpcMode", null, "public or private");
        }
        secretArns = List.copyOf(secretArns);
        secretArns.forEach(arn -> require("secretArns", arn, SECRET_ARN, "comma-separated whole ARNs of Secrets Manager"
                + " secrets (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or SSM parameters"
                + " (arn:aws:ssm:<region>:<account>:parameter/<name>), no wildcards"));
    }

    /** The settings when no context value is given. */
    public static StackSettings defaults() {
        return fromContext(key -> null);
    }

    /**
     * Reads every setting from a context lookup (a CDK {@code node.tryGetContext}); a missing key takes its
     * default. Values may be strings (from {@code -c key=value}) or JSON numbers and booleans (from cdk.json).
     */
    public static StackSettings fromContext(Function<String, Object> context) {
        ContextReader in = new ContextReader(context);
        String stackName = in.string("stackName").orElse(DEFAULT_STACK_NAME);
        String prefix = in.string("namePrefix").orElse(stackName.toLowerCase(Locale.ROOT));
        return new StackSettings(
                stackName,
                prefix,
                in.string("s3BucketName"),
                in.string("ecrRepoName").orElse(prefix + "-task-images"),
                in.string("ecsClusterName").orElse(prefix + "-cluster"),
                in.string("ecsTaskFamilyName").orElse(prefix + "-tasks"),
                in.string("ecsTaskLogGroupName").orElse(prefix + "-task-logs"),
                in.string("ecsTaskExecutionRoleName"),
                in.string("ecsTaskRoleName"),
                in.integer("artifactExpiryDays", DEFAULT_ARTIFACT_EXPIRY_DAYS),
                in.integer("logRetentionDays", DEFAULT_LOG_RETENTION_DAYS),
                in.integer("imagesToKeep", DEFAULT_IMAGES_TO_KEEP),
                in.bool("braketAccess", true),
                in.string("vpcMode").map(value -> VpcMode.parse("vpcMode", value)).orElse(VpcMode.PUBLIC),
                in.list("secretArns"));
    }

    private static void require(String key, String value, Pattern pattern, String valid) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new SettingsException(key, value, valid);
        }
    }

    /** Turns raw context values into typed ones, naming the key when a value has the wrong shape. */
    private record ContextReader(Function<String, Object> context) {
        Optional<String> string(String key) {
            Object value = context.apply(key);
            if (value == null || value.toString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(value.toString().trim());
        }

        /** A JSON array (cdk.json) or one comma-separated string ({@code -c key=a,b}). */
        List<String> list(String key) {
            Object value = context.apply(key);
            if (value instanceof List<?> items) {
                return items.stream().map(item -> item.toString().trim()).filter(s -> !s.isEmpty()).toList();
            }
            return string(key).map(text -> java.util.Arrays.stream(text.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        }

        int integer(String key, int defaultValue) {
            if (context.apply(key) instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return number.intValue();
            }
            Optional<String> value = string(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                throw new SettingsException(key, value.get(), "a whole number");
            }
        }

        boolean bool(String key, boolean defaultValue) {
            Optional<String> value = string(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new SettingsException(key, value.get(), "true or false");
            };
        }
    }
}
