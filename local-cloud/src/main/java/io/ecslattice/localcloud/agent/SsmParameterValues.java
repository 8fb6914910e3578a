package io.ecslattice.localcloud.agent;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;

/** An SSM parameter's value, decrypted as for a SecureString, read by ARN with GetParameters as the ECS agent does. */
final class SsmParameterValues implements TaskSecrets.Source {
    private final SsmClient client;

    SsmParameterValues(SsmClient client) {
        this.client = client;
    }

    @Override
    public String value(String arn) {
        GetParametersResponse response = client.getParameters(r -> r.names(arn).withDecryption(true));
        if (!response.hasParameters() || response.parameters().isEmpty()) {
            throw new IllegalStateException("InvalidParameters: " + response.invalidParameters());
        }
        return response.parameters().get(0).value();
    }
}
