package io.ecslattice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ecs-lattice}: run workflows and look at, cancel or resume their dispatches from the results store. */
@Command(name = "ecs-lattice", mixinStandardHelpOptions = true, version = "ecs-lattice 0.1.0",
        description = "Runs workflows of Java tasks locally or on AWS ECS Fargate, and inspects their dispatches.",
        footer = {"", "Exit codes: 0 ok, 1 failure (or the dispatch did not complete), 2 usage error.",
                "Environment: ECS_LATTICE_CONFIG (config file), ECS_LATTICE_DB (results store), ECS_LATTICE_EXECUTOR (default executor)."})
public final class EcsLatticeCli implements Runnable {

    /** Exit code of a command that did its job. */
    public static final int OK = 0;
    /** Exit code of a failure, or of a dispatch that failed or was cancelled. */
    public static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI on {@code args} and returns its exit code. */
    public static int execute(String... args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // The library logs progress at INFO; on a terminal only warnings belong next to the output.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        CommandLine cli = commandLine();
        int exit = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return exit;
    }

    /** The command tree with every subcommand of {@link CliCommands#ALL}. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EcsLatticeCli());
        CliCommands.ALL.forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
