/**
 * The {@code local} executor: each electron in a fresh child JVM (with one standby JVM started ahead) or, in
 * {@code in_process} mode, on a thread of the calling JVM.
 */
package io.ecslattice.executor.local;
