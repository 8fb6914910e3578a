package io.ecslattice.localcloud.agent;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** A Secrets Manager secret's current value (its SecretString), as the ECS agent reads it for a task. */
final class SecretsManagerValues implements TaskSecrets.Source {
    private final SecretsManagerClient client;

    SecretsManagerValues(SecretsManagerClient client) {
        this.client = client;
    }

    @Override
    public String value(String arn) {
        GetSecretValueResponse response = client.getSecretValue(r -> r.secretId(arn));
        if (response.secretString() == null) {
            throw new IllegalStateException("the secret has no SecretString (ECS sets only string secrets as environment variables)");
        }
        return response.secretString();
    }
}
