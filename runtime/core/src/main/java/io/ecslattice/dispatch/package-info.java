/**
 * The engine: {@link io.ecslattice.dispatch.Dispatcher} starts dispatches and drives them (leases, takeover,
 * cancel, per-executor limits); {@link io.ecslattice.dispatch.DispatchClient} reads and cancels without driving.
 * It knows the graph, the store and the executor interface, never the user's API above it.
 */
package io.ecslattice.dispatch;
