package io.ecslattice.executor.ecs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.Repository;

/** The one class that calls ECR's control plane: where the repository lives, and a push token. */
final class EcrRepository {
    /**
     * The repository as ECR names it.
     *
     * @param uri       {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}: what task definitions name
     * @param accountId the registry's account, used to build role ARNs
     * @param partition {@code aws}, {@code aws-cn}, ...; from the repository's ARN
     */
    record Info(String uri, String accountId, String partition) {
        /** The registry host, e.g. {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}. */
        String registry() {
            return uri.substring(0, uri.indexOf('/'));
        }

        /** The repository path within the registry. */
        String repository() {
            return uri.substring(uri.indexOf('/') + 1);
        }

        String roleArn(String roleName) {
            return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
        }
    }

    /** Basic-auth credentials for the registry API; ECR's user name is always {@code AWS}. */
    record Credentials(String user, String password) {
        String basicHeader() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final EcrClient client;

    EcrRepository(EcrClient client) {
        this.client = client;
    }

    Info describe(String repositoryName) {
        Repository repository = client.describeRepositories(r -> r.repositoryNames(repositoryName)).repositories().get(0);
        String partition = repository.repositoryArn().split(":")[1];
        return new Info(repository.repositoryUri(), repository.registryId(), partition);
    }

    /** A token from GetAuthorizationToken, decoded into user and password. */
    Credentials authorizationToken() {
        AuthorizationData data = client.getAuthorizationToken(r -> { }).authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
