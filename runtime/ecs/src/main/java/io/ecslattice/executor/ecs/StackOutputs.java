package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.config.ConfigException;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A deployed stack's outputs and where they were read: a {@code cdk deploy --outputs-file} JSON when
 * it names the stack, else CloudFormation {@code DescribeStacks}.
 *
 * @param values output key to value, e.g. {@code S3BucketName}
 * @param source where they came from, e.g. {@code EcsLatticeStack (cdk-outputs.json)}
 */
public record StackOutputs(Map<String, String> values, String source) {
    public StackOutputs {
        values = Map.copyOf(values);
    }

    /** Reads a stack's outputs; the settings resolver calls it only when some stack-provided key is unset. */
    @FunctionalInterface
    interface Source {
        Optional<StackOutputs> read(String stackName, Path outputsFile, AwsClients clients);
    }

    /** The file first (no AWS call), then DescribeStacks. */
    static Optional<StackOutputs> fileThenCloudFormation(String stackName, Path outputsFile, AwsClients clients) {
        Optional<StackOutputs> fromFile = fromFile(stackName, outputsFile);
        if (fromFile.isPresent()) {
            return fromFile;
        }
        try (var cloudFormation = clients.cloudFormation()) {
            return new CloudFormationStacks(cloudFormation).outputs(stackName)
                    .map(values -> new StackOutputs(values, stackName + " (DescribeStacks)"));
        } catch (SdkException e) {
            throw new ConfigException("cannot read the outputs of stack " + stackName + ": " + outputsFile.toAbsolutePath()
                    + " does not exist and CloudFormation DescribeStacks failed (" + firstSentence(e.getMessage())
                    + "); run make deploy (it writes cdk-outputs.json), set stack_outputs_file, or give every setting", e);
        }
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf(" : [");
        return end > 0 ? message.substring(0, end) : message;
    }

    /** The stack's section of a CDK outputs file, when the file exists and has one. */
    static Optional<StackOutputs> fromFile(String stackName, Path outputsFile) {
        if (!Files.isRegularFile(outputsFile)) {
            return Optional.empty();
        }
        try {
            JsonNode stack = Wire.mapper().readTree(outputsFile.toFile()).path(stackName);
            if (!stack.isObject()) {
                return Optional.empty();
            }
            Map<String, String> values = new TreeMap<>();
            stack.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new StackOutputs(values, stackName + " (" + outputsFile + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack outputs file " + outputsFile.toAbsolutePath()
                    + " (stack_outputs_file): " + e.getMessage(), e);
        }
    }
}
