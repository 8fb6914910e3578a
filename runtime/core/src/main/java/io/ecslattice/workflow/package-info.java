/**
 * The user's API. The core is four words, as in Covalent: an {@link io.ecslattice.workflow.Electron} (a
 * static method run as a task), a {@link io.ecslattice.workflow.Lattice} (a typed workflow of electron
 * calls, {@link io.ecslattice.workflow.Lattice0} to {@link io.ecslattice.workflow.Lattice5}), a
 * {@link io.ecslattice.workflow.Dispatch} (a run of one) and its {@link io.ecslattice.workflow.Result}.
 * How electrons and lattices run is one options value each ({@link io.ecslattice.workflow.ElectronOptions},
 * {@link io.ecslattice.workflow.LatticeOptions}); {@link io.ecslattice.workflow.Lattices} holds the
 * Covalent-style conveniences, and {@link io.ecslattice.workflow.LatticeClient} is the one entry point for
 * an application that embeds an engine of its own.
 */
package io.ecslattice.workflow;
