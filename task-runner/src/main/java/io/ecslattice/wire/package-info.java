/**
 * The wire format shared by the client and the task runner: the versioned JSON task spec and task result, and
 * the one Jackson mapper both use.
 */
package io.ecslattice.wire;
