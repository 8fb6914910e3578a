package io.ecslattice.conformance;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rows are written as a user's project would be: the workflow API (with the {@code LatticeClient} they are
 * handed, to dispatch on a chosen store and executor, and {@code FileRef}), the matrix's own row-facing types ({@link Cell},
 * {@link Facts}, {@link Markers}, {@link NodeView}, {@link Row}) and the JDK; never the engine, store or executors.
 */
@AnalyzeClasses(packages = "io.ecslattice.conformance")
class PublicApiTest {

    @ArchTest
    static final ArchRule rowsUseOnlyThePublicApi = classes().that().resideInAPackage("io.ecslattice.conformance.rows..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.ecslattice.workflow..",
                    "io.ecslattice.conformance.rows..", "org.awaitility..")
                    .or(describe("the matrix's row-facing types", c -> c.getPackageName().equals("io.ecslattice.conformance")
                            && c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))))
            .because("a row must run as a user's workflow would, so it passes or fails on what users get");
}
