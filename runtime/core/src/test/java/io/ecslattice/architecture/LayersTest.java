package io.ecslattice.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of runtime-core, written down: the user's API ({@code workflow}) sits on the engine
 * ({@code dispatch}), which sits on the store, the executor interface and the graph model; nothing
 * below knows what is above it, and no two packages depend on each other.
 */
@AnalyzeClasses(packages = "io.ecslattice", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class LayersTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("API").definedBy("io.ecslattice.workflow..")
            .layer("Engine").definedBy("io.ecslattice.dispatch..")
            .layer("Store").definedBy("io.ecslattice.store..")
            .layer("Executor").definedBy("io.ecslattice.executor..")
            .layer("Graph").definedBy("io.ecslattice.graph..")
            .layer("Config").definedBy("io.ecslattice.config..")
            .whereLayer("API").mayNotBeAccessedByAnyLayer()
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("API")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Engine")
            .whereLayer("Executor").mayOnlyBeAccessedByLayers("API", "Engine")
            .whereLayer("Graph").mayOnlyBeAccessedByLayers("API", "Engine")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Engine", "Executor");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.ecslattice.(*)..").should().beFreeOfCycles();
}
