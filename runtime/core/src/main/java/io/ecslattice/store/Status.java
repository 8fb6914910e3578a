package io.ecslattice.store;

/** The life of a node or a dispatch: NEW → PENDING → RUNNING → COMPLETED, FAILED or CANCELLED. */
public enum Status {
    /** Recorded, waiting for its inputs. */
    NEW,
    /** Inputs ready, waiting for a slot on its executor or for the executor to accept it. */
    PENDING,
    /** Handed to an executor, which returned a handle (stored). */
    RUNNING,
    COMPLETED,
    FAILED,
    /** Stopped or never started because the dispatch was cancelled or an upstream node failed. */
    CANCELLED;

    /** True for COMPLETED, FAILED and CANCELLED. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
