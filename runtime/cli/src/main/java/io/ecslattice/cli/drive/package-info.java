/**
 * The commands that drive a dispatch through the {@link io.ecslattice.dispatch.Dispatcher}: {@code resume} takes one
 * over, {@code redispatch} starts and drives a new one. Every other command and the UI only read and cancel through
 * {@link io.ecslattice.dispatch.Dispatches} (CliDependenciesTest).
 */
package io.ecslattice.cli.drive;
