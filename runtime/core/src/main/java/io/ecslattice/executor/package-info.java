/**
 * The executor interface ({@link io.ecslattice.executor.Executor}: submit, await, cancel by handle, logs), the
 * values it exchanges with the engine, and the registry that finds executor types through the service loader.
 */
package io.ecslattice.executor;
