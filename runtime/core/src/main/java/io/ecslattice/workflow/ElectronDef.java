package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import io.ecslattice.graph.GraphException;
import io.ecslattice.graph.Resources;
import io.ecslattice.graph.RetrySpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What every electron carries: its method, where it runs (an executor name, an instance, or neither
 * for the default executor), how it runs (retries, timeout, resources) and how long its results may be
 * reused by other dispatches (null: only by a redispatch).
 */
record ElectronDef(ElectronMethod method, String executorName, Executor executor, RetrySpec retry, Duration timeout,
                   Resources resources, Long cacheSeconds) {

    ElectronDef(ElectronMethod method, String executorName, Executor executor) {
        this(method, executorName, executor, null, null, Resources.NONE, null);
    }

    ElectronDef withExecutor(String name) {
        if (name == null || name.isBlank()) {
            throw new WorkflowException("executor name of " + method.label() + " must not be blank");
        }
        return new ElectronDef(method, name, null, retry, timeout, resources, cacheSeconds);
    }

    ElectronDef withExecutor(Executor instance) {
        return new ElectronDef(method, instance.name(), instance, retry, timeout, resources, cacheSeconds);
    }

    ElectronDef withCache(Duration expiry) {
        if (expiry == null || expiry.isNegative() || expiry.toSeconds() < 1) {
            throw new WorkflowException(method.label() + ".cache(" + expiry + "): the expiry must be at least one second, "
                    + "e.g. .cache(Duration.ofHours(1))");
        }
        return new ElectronDef(method, executorName, executor, retry, timeout, resources, expiry.toSeconds());
    }

    ElectronDef withRetry(Retry policy) {
        if (policy == null) {
            throw new WorkflowException("retries of " + method.label() + ": give a policy such as Retry.times(3)");
        }
        return new ElectronDef(method, executorName, executor, policy.spec(), timeout, resources, cacheSeconds);
    }

    ElectronDef withTimeout(Duration limit) {
        if (limit == null || limit.isZero() || limit.isNegative() || limit.toMillis() == 0) {
            throw new WorkflowException("timeout of " + method.label() + " is " + limit
                    + "; give a positive Duration of at least 1 ms, e.g. Duration.ofMinutes(5)");
        }
        return new ElectronDef(method, executorName, executor, retry, limit, resources, cacheSeconds);
    }

    ElectronDef withVcpu(double vcpu) {
        return withResources(r -> r.withVcpu(BigDecimal.valueOf(vcpu).stripTrailingZeros()), "vcpu(" + vcpu + ")");
    }

    ElectronDef withMemory(double gigabytes) {
        return withResources(r -> r.withMemory(BigDecimal.valueOf(gigabytes).stripTrailingZeros()), "memory(" + gigabytes + ")");
    }

    ElectronDef withCpuArchitecture(String architecture) {
        return withResources(r -> r.withCpuArchitecture(architecture), "cpuArchitecture(" + architecture + ")");
    }

    ElectronDef withSpot(boolean spot) {
        return withResources(r -> r.withSpot(spot), "spot(" + spot + ")");
    }

    private ElectronDef withResources(UnaryOperator<Resources> change, String what) {
        try {
            return new ElectronDef(method, executorName, executor, retry, timeout, change.apply(resources), cacheSeconds);
        } catch (GraphException e) {
            throw new WorkflowException(what + " of " + method.label() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Electron(" + method.label() + (executorName == null ? "" : " on " + executorName) + ")";
    }
}
