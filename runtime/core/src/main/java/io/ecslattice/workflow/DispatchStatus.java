package io.ecslattice.workflow;

/** Where a dispatch is in its life: NEW → PENDING → RUNNING → COMPLETED, FAILED or CANCELLED. */
public enum DispatchStatus {
    /** Recorded, not started yet. */
    NEW,
    /** Started; no task has been accepted by an executor yet. */
    PENDING,
    /** At least one task was accepted by an executor. */
    RUNNING,
    /** Every node completed; the result has a value. */
    COMPLETED,
    /** A node failed; the result names it. */
    FAILED,
    /** Cancelled: pending nodes never started, running tasks were stopped. */
    CANCELLED;

    /** True for COMPLETED, FAILED and CANCELLED. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
