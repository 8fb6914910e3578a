package io.ecslattice.executor.ecs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import software.amazon.awssdk.services.ecs.model.Failure;

/**
 * Fargate's vCPU quotas: how RunTask says one was reached, what to tell the user, and how many tasks of one size it
 * lets run at once. A refusal is back-pressure (tasks of this account stop and give vCPUs back), not a failure of the
 * electron: callers wait long and try again.
 */
final class FargateVcpuQuota {
    /** Fargate On-Demand vCPU resource count, and Fargate Spot vCPU resource count (Service Quotas, service fargate). */
    static final String ON_DEMAND_CODE = "L-3032A538";
    static final String SPOT_CODE = "L-36FBB829";
    static final String REQUEST_LINK = "https://console.aws.amazon.com/servicequotas/home/services/fargate/quotas";
    /**
     * RunTask answers a task over the quota in {@code failures[]} with "You’ve reached the limit on the number of vCPUs
     * you can run concurrently" (Amazon ECS Developer Guide, "Amazon ECS service event messages"); matched without the
     * apostrophe, which AWS writes as ’ or '.
     */
    private static final String REASON_PART = "limit on the number of vCPUs";

    private FargateVcpuQuota() {
    }

    static boolean reached(Failure failure) {
        return failure.reason() != null && failure.reason().contains(REASON_PART);
    }

    static boolean anyReached(List<Failure> failures) {
        return failures.stream().anyMatch(FargateVcpuQuota::reached);
    }

    static String code(boolean spot) {
        return spot ? SPOT_CODE : ON_DEMAND_CODE;
    }

    /** What the user reads once: which quota, where to raise it, and that the work waits rather than fails. */
    static String message(boolean spot) {
        return "the account's Fargate " + (spot ? "Spot" : "On-Demand") + " vCPU quota (" + code(spot)
                + ") is reached: tasks wait for running ones to stop and are started then; request a higher quota at "
                + REQUEST_LINK;
    }

    /** Logs {@link #message} once per quota for one executor, however many tasks and retries meet it. */
    static final class Notice {
        private final AtomicBoolean onDemand = new AtomicBoolean();
        private final AtomicBoolean spot = new AtomicBoolean();

        void once(Logger log, boolean spotQuota) {
            if (!(spotQuota ? spot : onDemand).getAndSet(true)) {
                log.warn("{}", message(spotQuota));
            }
        }
    }

    /**
     * How many tasks of {@code size} fit in {@code quota} vCPUs at once (at least 1, so a too-small quota still lets
     * work go one task at a time and AWS's own answer says why), or {@code limit} when the quota is unknown or allows more.
     */
    static int cap(int limit, OptionalDouble quota, FargateSize size) {
        if (quota.isEmpty()) {
            return limit;
        }
        BigDecimal vcpus = BigDecimal.valueOf(size.cpuUnits()).divide(BigDecimal.valueOf(1024));
        long fit = BigDecimal.valueOf(quota.getAsDouble()).divide(vcpus, 0, RoundingMode.FLOOR).longValue();
        return (int) Math.max(1, Math.min(limit, fit));
    }
}
