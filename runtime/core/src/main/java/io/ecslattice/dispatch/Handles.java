package io.ecslattice.dispatch;

import io.ecslattice.executor.TaskHandle;
import io.ecslattice.store.StoredHandle;

/** Converts between an executor's {@link TaskHandle} and the store's copy of it. */
final class Handles {

    private Handles() {
    }

    /** The store's copy of {@code handle}. */
    static StoredHandle stored(TaskHandle handle) {
        return new StoredHandle(handle.executor(), handle.ref(), handle.details());
    }

    /** The executor's handle for a stored one, to await, stop or read the logs of its task. */
    static TaskHandle task(StoredHandle stored) {
        return new TaskHandle(stored.executor(), stored.ref(), stored.details());
    }
}
