package io.ecslattice.workflow;

import io.ecslattice.executor.Executor;

/**
 * What every electron carries: its method and where it runs (an executor name, an instance, or neither
 * for the default executor).
 */
record ElectronDef(ElectronMethod method, String executorName, Executor executor) {

    ElectronDef withExecutor(String name) {
        if (name == null || name.isBlank()) {
            throw new WorkflowException("executor name of " + method.label() + " must not be blank");
        }
        return new ElectronDef(method, name, null);
    }

    ElectronDef withExecutor(Executor instance) {
        return new ElectronDef(method, instance.name(), instance);
    }

    @Override
    public String toString() {
        return "Electron(" + method.label() + (executorName == null ? "" : " on " + executorName) + ")";
    }
}
