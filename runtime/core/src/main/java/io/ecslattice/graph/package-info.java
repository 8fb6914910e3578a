/**
 * The graph model of a lattice as data: nodes (electron calls), their argument sources and the output;
 * what the engine runs and the store records.
 */
package io.ecslattice.graph;
