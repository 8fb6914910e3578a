package io.ecslattice.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What one task runs: the electron's class and method, its arguments as JSON, and where the result goes.
 * The same spec drives the local executor's child JVM and the ECS container, so what passes locally is
 * what the ECS path sends.
 *
 * @param wireVersion    {@link Wire#VERSION} of the writer; the runner refuses other versions
 * @param dispatchId     the dispatch this task belongs to
 * @param nodeId         the node within the dispatch
 * @param attempt        1 for the first try of a node, counting up on retries
 * @param className      binary name of the class declaring the electron's static method
 * @param methodName     the static method's name
 * @param parameterTypes erased binary names of the parameter types, to pick the overload; the runner
 *                       deserializes each argument by the method's generic parameter type
 * @param arguments      one JSON value per parameter
 * @param resultUri      where the runner writes its {@link TaskResult}: {@code s3://bucket/key} or
 *                       {@code file:///path}
 */
public record TaskSpec(
        int wireVersion,
        String dispatchId,
        String nodeId,
        int attempt,
        String className,
        String methodName,
        List<String> parameterTypes,
        List<JsonNode> arguments,
        String resultUri) {

    public TaskSpec {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(resultUri, "resultUri");
        parameterTypes = List.copyOf(parameterTypes);
        arguments = List.copyOf(arguments);
        if (parameterTypes.size() != arguments.size()) {
            throw new IllegalArgumentException("task spec for " + className + "." + methodName + " has "
                    + parameterTypes.size() + " parameter types but " + arguments.size() + " arguments");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt=" + attempt + " must be 1 or more");
        }
    }
}
