/**
 * The {@code ecs-lattice} command (picocli): one class per subcommand. {@code status}, {@code result}, {@code logs} and
 * {@code cancel} read and cancel through {@link io.ecslattice.dispatch.Dispatches} and never drive a dispatch;
 * {@code resume} and {@code redispatch} (package {@code drive}) drive dispatches; {@code run} runs a workflow's main; {@code config show} prints
 * the resolved settings.
 */
package io.ecslattice.cli;
