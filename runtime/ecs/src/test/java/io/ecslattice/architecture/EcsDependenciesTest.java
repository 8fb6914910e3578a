package io.ecslattice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ECS executor is a plug-in: it implements core's executor interface with core's configuration and the
 * wire format, and knows nothing of the API, the engine, the store, the graph or the other executors.
 */
@AnalyzeClasses(packages = "io.ecslattice.executor.ecs", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class EcsDependenciesTest {

    @ArchTest
    static final ArchRule onlyThePluginSurfaceOfCore = noClasses().that().resideInAPackage("io.ecslattice.executor.ecs..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ecslattice.workflow..", "io.ecslattice.dispatch..",
                    "io.ecslattice.store..", "io.ecslattice.graph..", "io.ecslattice.executor.local..",
                    "io.ecslattice.cli..", "io.ecslattice.ui..");
}
