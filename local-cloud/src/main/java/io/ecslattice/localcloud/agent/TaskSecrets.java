package io.ecslattice.localcloud.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What ECS does with a container definition's {@code secrets} before the container starts: fetches each value with
 * the execution role (Secrets Manager for a secret's ARN, SSM Parameter Store for a parameter's) and sets it as the
 * environment variable of its name. A value it cannot fetch fails the task to start with Fargate's
 * {@code ResourceInitializationError} stopped reason, as documented in AWS's knowledge-center article
 * "ecs-unable-to-pull-secrets".
 */
final class TaskSecrets {

    /** One service the values come from. */
    interface Source {
        /** The value named by {@code arn}; throws {@link SecretUnavailableException} with the service's own words when it has none. */
        String value(String arn);
    }

    /** A value that could not be fetched; the message is the stopped reason. */
    static final class SecretUnavailableException extends RuntimeException {
        SecretUnavailableException(String message) {
            super(message);
        }
    }

    private final Source secretsManager;
    private final Source parameterStore;

    TaskSecrets(Source secretsManager, Source parameterStore) {
        this.secretsManager = secretsManager;
        this.parameterStore = parameterStore;
    }

    /** The environment each secret fills, by name; fails with the stopped reason ECS gives when one cannot be fetched. */
    Map<String, String> resolve(Map<String, String> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        secrets.forEach((name, arn) -> values.put(name, fetch(arn)));
        return values;
    }

    private String fetch(String arn) {
        boolean asm = arn.contains(":secretsmanager:");
        try {
            return (asm ? secretsManager : parameterStore).value(arn);
        } catch (RuntimeException e) {
            // Fargate's words, e.g. "... unable to retrieve secret from asm: service call has been retried 1 time(s):
            // failed to fetch secret <arn> from secrets manager: ResourceNotFoundException: ..."
            throw new SecretUnavailableException("ResourceInitializationError: unable to pull secrets or registry auth:"
                    + " execution resource retrieval failed: unable to retrieve secret" + (asm ? "" : "s") + " from "
                    + (asm ? "asm" : "ssm") + ": service call has been retried 1 time(s): failed to fetch secret " + arn
                    + " from " + (asm ? "secrets manager" : "ssm") + ": " + cause(e));
        }
    }

    /** The service's error code and message, as the ECS agent (Go SDK) prints them: {@code ResourceNotFoundException: ...}. */
    private static String cause(RuntimeException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return Optional.ofNullable(e.getMessage()).orElse(e.toString());
    }
}
