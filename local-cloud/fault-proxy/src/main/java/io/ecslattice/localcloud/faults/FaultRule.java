package io.ecslattice.localcloud.faults;

import java.util.Objects;

/**
 * Answer a share of the calls to one operation (or all of a service's) with a fault.
 *
 * @param service   signing name such as {@code ecs}, {@code s3}, {@code logs}, {@code sqs}, or {@code *}
 * @param operation operation name such as {@code RunTask} or {@code SendMessageBatch}, or {@code *}
 * @param share     probability in [0, 1] that a matching call gets the fault
 * @param fault     the answer
 */
public record FaultRule(String service, String operation, double share, Fault fault) {
    public FaultRule {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fault, "fault");
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share=" + share + " for " + service + ":" + operation
                    + " is not a probability; valid: 0 to 1");
        }
    }

    /** True when this rule covers the call. */
    public boolean matches(AwsCall call) {
        return (service.equals("*") || service.equals(call.service()))
                && (operation.equals("*") || operation.equals(call.operation()));
    }
}
