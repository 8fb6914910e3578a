/**
 * The user's API: electrons ({@link io.ecslattice.workflow.Electron}), typed lattices
 * ({@link io.ecslattice.workflow.Lattice0} to {@link io.ecslattice.workflow.Lattice5}), the typed
 * {@link io.ecslattice.workflow.Dispatch} handle and its {@link io.ecslattice.workflow.Result}, and the
 * Covalent-style {@link io.ecslattice.workflow.Lattices} conveniences.
 */
package io.ecslattice.workflow;
