package io.ecslattice.cli;

import io.ecslattice.cli.drive.RedispatchCommand;
import io.ecslattice.cli.drive.ResumeCommand;
import io.ecslattice.ui.UiCommand;
import java.util.List;

/** The subcommands of {@code ecs-lattice}, in help order. A new subcommand is one more class here. */
final class CliCommands {

    static final List<Class<?>> ALL = List.of(
            RunCommand.class,
            StatusCommand.class,
            ResultCommand.class,
            LogsCommand.class,
            CancelCommand.class,
            ResumeCommand.class,
            RedispatchCommand.class,
            ConfigCommand.class,
            PoolCommand.class,
            UiCommand.class);

    private CliCommands() {
    }
}
