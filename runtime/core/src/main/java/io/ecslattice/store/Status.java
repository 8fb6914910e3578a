package io.ecslattice.store;

/** The life of a node or a dispatch: NEW → PENDING → RUNNING → COMPLETED, FAILED or CANCELLED; or NEW → CACHED. */
public enum Status {
    /** Recorded, waiting for its inputs. */
    NEW,
    /** Inputs ready, waiting for a slot on its executor or for the executor to accept it. */
    PENDING,
    /** Handed to an executor, which returned a handle (stored). */
    RUNNING,
    COMPLETED,
    FAILED,
    /** Not run: the result of an earlier run of the same code on the same inputs was reused (see the node's cachedFrom). */
    CACHED,
    /** Stopped or never started because the dispatch was cancelled or an upstream node failed. */
    CANCELLED;

    /** True for COMPLETED, CACHED, FAILED and CANCELLED. */
    public boolean isTerminal() {
        return this == COMPLETED || this == CACHED || this == FAILED || this == CANCELLED;
    }

    /** True when the node has a value: COMPLETED or CACHED. */
    public boolean hasValue() {
        return this == COMPLETED || this == CACHED;
    }
}
