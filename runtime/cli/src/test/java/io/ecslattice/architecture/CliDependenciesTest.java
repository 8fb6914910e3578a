package io.ecslattice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What the CLI and the UI may use of core: the API, the engine's public types and the store's read side,
 * never an executor's classes (executors, and their pool administration, are found through the service loader); and only
 * {@code resume} drives a dispatch, and {@code redispatch} the new dispatch it starts; everything else reads
 * and cancels through {@code DispatchClient}.
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

    @ArchTest
    static final ArchRule onlyResumeDrivesADispatch = noClasses().that().resideInAnyPackage("io.ecslattice.cli..", "io.ecslattice.ui..")
            .and().doNotHaveSimpleName("ResumeCommand").and().doNotHaveSimpleName("RedispatchCommand")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.ecslattice.dispatch.Dispatcher");
}
