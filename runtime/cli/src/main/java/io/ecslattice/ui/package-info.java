/**
 * The web UI (Javalin): a JSON API and static pages over the results store, read and cancelled through
 * {@link io.ecslattice.dispatch.Dispatches}; never an executor's internals.
 */
package io.ecslattice.ui;
