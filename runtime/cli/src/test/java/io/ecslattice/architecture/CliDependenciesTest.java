package io.ecslattice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the CLI and the UI may use of core: the API and the engine's read side ({@code Dispatches} and its read
 * types), never a store type nor an executor's internals (executors, and their pool administration, are found
 * through the service loader); and only the commands of {@code cli.drive} ({@code resume}, {@code redispatch})
 * drive a dispatch; everything else reads and cancels through {@code Dispatches}.
 */
@AnalyzeClasses(packages = {"io.ecslattice.cli", "io.ecslattice.ui"}, importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class CliDependenciesTest {

    @ArchTest
    static final ArchRule noExecutorInternals = noClasses().that().resideInAnyPackage("io.ecslattice.cli..", "io.ecslattice.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ecslattice.executor.local..", "io.ecslattice.executor.ecs..",
                    "io.ecslattice.taskrunner..", "io.ecslattice.graph..");

    @ArchTest
    static final ArchRule uiNeverTouchesAnExecutor = noClasses().that().resideInAPackage("io.ecslattice.ui..")
            .should().dependOnClassesThat().resideInAPackage("io.ecslattice.executor..");

    /** The engine's driving side is the {@code Dispatcher}; only the {@code cli.drive} layer reaches it. */
    @ArchTest
    static final ArchRule onlyTheDriveCommandsDriveADispatch = noClasses().that().resideInAnyPackage("io.ecslattice.cli",
                    "io.ecslattice.ui..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.ecslattice.dispatch.Dispatcher");

    /** Dispatches are read through {@code Dispatches}' read types, never the results store's rows or the store itself. */
    @ArchTest
    static final ArchRule noStoreTypes = noClasses().that().resideInAnyPackage("io.ecslattice.cli..", "io.ecslattice.ui..")
            .should().dependOnClassesThat().resideInAPackage("io.ecslattice.store..");
}
