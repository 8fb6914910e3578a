/**
 * The results store: one SQLite file shared by processes, holding every dispatch, node, handle, output,
 * error, captured output and lease. Knows nothing of executors or the API.
 */
package io.ecslattice.store;
