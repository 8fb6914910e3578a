package io.ecslattice.cli;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.config.RuntimeSettings;
import io.ecslattice.executor.ExecutorFactory;
import io.ecslattice.executor.ExecutorRegistry;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code config show}: every resolved setting with where its value came from. */
@Command(name = "config", description = "Shows the configuration.", subcommands = ConfigCommand.Show.class)
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the runtime's and each executor's resolved settings with their sources. */
    @Command(name = "show", description = "Prints every resolved setting and where its value came from "
            + "(builder, env, config file, stack outputs, default).")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ConfigFile file = ConfigFile.load();
            out.println("config file: " + file.path() + (file.exists() ? "" : " (not found; defaults apply)"));
            out.println("[runtime]");
            ResolvedSettings runtime = RuntimeSettings.resolve();
            out.println(runtime.render());
            out.println("  results store: " + RuntimeSettings.resultsDb(runtime));
            ExecutorRegistry registry = new ExecutorRegistry(file);
            Set<String> names = new TreeSet<>(file.executorNames());
            names.addAll(registry.factories().keySet());
            int exit = EcsLatticeCli.OK;
            for (String name : names) {
                out.println("[executors." + name + "]");
                try {
                    ExecutorFactory factory = registry.factoryFor(name);
                    Optional<ResolvedSettings> settings = factory.settings(name, file.executorSection(name));
                    out.println(settings.map(ResolvedSettings::render).orElse("  (type " + factory.type() + " shows no settings)"));
                    factory.facts(name, file.executorSection(name)).forEach(fact -> out.println("  " + fact));
                } catch (RuntimeException e) {
                    // A type nobody configured may lack required settings; only configured sections must resolve.
                    boolean configured = file.executorNames().contains(name);
                    out.println("  " + (configured ? "error: " : "(not usable as configured: ") + e.getMessage() + (configured ? "" : ")"));
                    exit = configured ? EcsLatticeCli.FAILED : exit;
                }
            }
            return exit;
        }
    }
}
