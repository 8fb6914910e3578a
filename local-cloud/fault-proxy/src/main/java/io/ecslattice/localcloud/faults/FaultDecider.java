package io.ecslattice.localcloud.faults;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Draws, per call, whether the plan answers it with a fault. One seeded random source and one attempt
 * count per selected task, both guarded by this object's lock: decisions are reproducible for a given
 * order of calls.
 */
final class FaultDecider {

    /** What to do with one call: forward it, answer a fault, or answer a RunTask capacity failure. */
    record Decision(Fault fault, String capacityReason) {
        static final Decision FORWARD = new Decision(null, null);

        boolean forward() {
            return fault == null && capacityReason == null;
        }
    }

    private final FaultPlan plan;
    private final Random random;
    private final Map<String, Integer> attemptsByTask = new HashMap<>();

    FaultDecider(FaultPlan plan) {
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    FaultPlan plan() {
        return plan;
    }

    synchronized Decision decide(AwsCall call, String body) {
        for (FaultRule rule : plan.rules()) {
            if (rule.matches(call) && random.nextDouble() < rule.share()) {
                return new Decision(rule.fault(), null);
            }
        }
        if (call.service().equals("ecs") && call.operation().equals("RunTask")) {
            for (CapacityRule rule : plan.capacity()) {
                String task = rule.identity(body);
                if (task != null) {
                    int attempt = attemptsByTask.merge(rule.select().pattern() + "\u0000" + task, 1, Integer::sum);
                    if (attempt <= rule.firstAttempts()) {
                        return new Decision(null, rule.reason());
                    }
                }
            }
        }
        return Decision.FORWARD;
    }
}
