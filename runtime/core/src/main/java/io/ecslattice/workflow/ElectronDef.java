package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;
import java.time.Duration;

/**
 * What every electron carries: its method, where it runs (an executor name, an instance, or neither
 * for the default executor) and how long its results may be reused by other dispatches (null: only by a
 * redispatch).
 */
record ElectronDef(ElectronMethod method, String executorName, Executor executor, Long cacheSeconds) {

    ElectronDef(ElectronMethod method, String executorName, Executor executor) {
        this(method, executorName, executor, null);
    }

    ElectronDef withExecutor(String name) {
        if (name == null || name.isBlank()) {
            throw new WorkflowException("executor name of " + method.label() + " must not be blank");
        }
        return new ElectronDef(method, name, null, cacheSeconds);
    }

    ElectronDef withExecutor(Executor instance) {
        return new ElectronDef(method, instance.name(), instance, cacheSeconds);
    }

    ElectronDef withCache(Duration expiry) {
        if (expiry == null || expiry.isNegative() || expiry.toSeconds() < 1) {
            throw new WorkflowException(method.label() + ".cache(" + expiry + "): the expiry must be at least one second, "
                    + "e.g. .cache(Duration.ofHours(1))");
        }
        return new ElectronDef(method, executorName, executor, expiry.toSeconds());
    }

    @Override
    public String toString() {
        return "Electron(" + method.label() + (executorName == null ? "" : " on " + executorName) + ")";
    }
}
