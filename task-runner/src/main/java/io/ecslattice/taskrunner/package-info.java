/**
 * The task runner every task image carries: reads a task spec, calls the electron's static method by name,
 * captures its output and writes the result (to a file or S3); also the standby JVM's wait.
 */
package io.ecslattice.taskrunner;
