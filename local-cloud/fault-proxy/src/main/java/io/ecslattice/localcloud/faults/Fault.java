package io.ecslattice.localcloud.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An error answer the proxy can give instead of forwarding a call. */
public enum Fault {
    /**
     * What AWS says when a caller exceeds a rate, in the call's protocol: {@code ThrottlingException} (JSON services),
     * SQS's {@code RequestThrottled} (JSON or query), {@code Throttling} (other query services) or S3's {@code SlowDown}.
     */
    THROTTLE,
    /** HTTP 429 Too Many Requests with no AWS error code, as a load balancer in front of a service says it. */
    HTTP_429,
    /** HTTP 503 Service Unavailable with no AWS error code. */
    HTTP_503;

    /** The spelling used in plans: {@code throttle}, {@code http429}, {@code http503}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** Reads a plan's spelling of a fault, naming the valid ones when it is none of them. */
    public static Fault fromLabel(String label) {
        for (Fault fault : values()) {
            if (fault.label().equals(label)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("fault=" + label + " is not a fault; valid: "
                + Arrays.stream(values()).map(Fault::label).collect(Collectors.joining(", ")));
    }
}
