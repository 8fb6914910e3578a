package io.ecslattice.executor.ecs;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** The one class that calls CloudFormation: reads a deployed stack's outputs. */
final class CloudFormationStacks {
    private final CloudFormationClient client;

    CloudFormationStacks(CloudFormationClient client) {
        this.client = client;
    }

    /** The stack's outputs by key, or empty when no stack of that name exists. */
    Optional<Map<String, String>> outputs(String stackName) {
        try {
            Stack stack = client.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
            Map<String, String> outputs = new TreeMap<>();
            for (Output output : stack.outputs()) {
                outputs.put(output.outputKey(), output.outputValue());
            }
            return Optional.of(outputs);
        } catch (CloudFormationException e) {
            // CloudFormation answers a missing stack with a ValidationError, not a 404.
            if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
                    && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
