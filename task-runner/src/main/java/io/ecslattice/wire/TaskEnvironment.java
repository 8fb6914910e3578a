package io.ecslattice.wire;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks every environment variable and secret of a task passes, wherever it is given (an electron's
 * {@code .env(...)}/{@code .secret(...)} or an executor's {@code env}/{@code secrets} settings), so a bad name or
 * ARN fails before any cloud call with one wording.
 */
public final class TaskEnvironment {
    /** What a name may be: what POSIX shells and ECS's container definitions take. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * Names the task runner ({@link Wire#ENV_SPEC} and the rest) and ECS set themselves: a task that set them would lose
     * its spec or its role's credentials.
     */
    public static final String RESERVED_PREFIX = "ECS_LATTICE_";
    public static final Set<String> RESERVED = Set.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "ECS_CONTAINER_METADATA_URI",
            "ECS_CONTAINER_METADATA_URI_V4", "ECS_AGENT_URI");
    // The two shapes ECS's container definition takes as a secret's valueFrom (a whole secret; an SSM parameter by
    // full ARN). ARN partitions: aws, aws-cn, aws-us-gov.
    private static final Pattern SECRETS_MANAGER = Pattern.compile(
            "arn:aws(-cn|-us-gov)?:secretsmanager:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");
    private static final Pattern SSM_PARAMETER = Pattern.compile(
            "arn:aws(-cn|-us-gov)?:ssm:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:parameter/[A-Za-z0-9/_.-]+");
    /** The forms a secret's ARN may take, for messages. */
    public static final String ARN_FORMS = "arn:aws:secretsmanager:<region>:<account>:secret:<name> or"
            + " arn:aws:ssm:<region>:<account>:parameter/<name>";

    private TaskEnvironment() {
    }

    /** Why {@code name} cannot be a task's environment variable, or empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("environment variable name '" + name + "' is not valid: a letter or _ then letters, digits"
                    + " or _ (" + NAME.pattern() + "), e.g. DB_PASSWORD");
        }
        if (name.startsWith(RESERVED_PREFIX) || RESERVED.contains(name)) {
            return Optional.of("environment variable name " + name + " is reserved: the task runner and ECS set "
                    + RESERVED_PREFIX + "* and " + String.join(", ", RESERVED.stream().sorted().toList())
                    + " themselves; choose another name");
        }
        return Optional.empty();
    }

    /** Why {@code arn} cannot be where a secret's value comes from, or empty when it can. */
    public static Optional<String> arnProblem(String name, String arn) {
        if (arn == null || !(SECRETS_MANAGER.matcher(arn).matches() || SSM_PARAMETER.matcher(arn).matches())) {
            return Optional.of("secret " + name + " comes from '" + arn + "', which is not the ARN of a Secrets Manager"
                    + " secret or an SSM parameter; valid: " + ARN_FORMS);
        }
        return Optional.empty();
    }

    /** Why this environment and these secrets cannot be a task's, or empty when they can. */
    public static Optional<String> problem(Map<String, String> env, Map<String, String> secrets) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            Optional<String> bad = nameProblem(e.getKey());
            if (bad.isPresent()) {
                return bad;
            }
            if (e.getValue() == null) {
                return Optional.of("environment variable " + e.getKey() + " has no value; give a string (\"\" for empty)");
            }
        }
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            Optional<String> bad = nameProblem(e.getKey()).or(() -> arnProblem(e.getKey(), e.getValue()));
            if (bad.isPresent()) {
                return bad;
            }
            if (env.containsKey(e.getKey())) {
                return Optional.of(e.getKey() + " is both a plain environment variable and a secret; give it once");
            }
        }
        return Optional.empty();
    }
}
