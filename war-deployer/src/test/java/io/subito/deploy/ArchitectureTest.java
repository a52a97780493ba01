package io.subito.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The shape of the code, checked on the main classes of the engine, the servlet bridge, the
 * JSP module and the deployer (all on this module's test class path): the engine knows nothing
 * of servlets, modules depend one way, and no module's packages depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "io.subito",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /**
     * The engine's test jar is on this module's test class path (for its log capture); its tests
     * are no part of the shape checked here. DoNotIncludeTests leaves out test-class directories only.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-jar/");
        }
    }

    @ArchTest
    static final ArchRule theEngineNeverUsesTheServletApi = noClasses()
            .that().resideInAPackage("io.subito.container..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
            .because("the engine is a plain HTTP server; servlets are the bridge's business");

    @ArchTest
    static final ArchRule modulesDependOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("engine").definedBy("io.subito.container..")
            .layer("bridge").definedBy("io.subito.servlet..")
            .layer("jsp").definedBy("io.subito.jsp..")
            .layer("deployer").definedBy("io.subito.deploy..")
            .whereLayer("deployer").mayNotBeAccessedByAnyLayer()
            // the deployer finds the JSP engine through ServiceLoader, never by name
            .whereLayer("jsp").mayNotBeAccessedByAnyLayer()
            .whereLayer("bridge").mayOnlyBeAccessedByLayers("jsp", "deployer")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("bridge", "jsp", "deployer");

    @ArchTest
    static final ArchRule theBridgesPackagesFormNoCycle =
            slices().assignedFrom(packagesUnder("io.subito.servlet")).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theEnginesPackagesFormNoCycle =
            slices().assignedFrom(packagesUnder("io.subito.container")).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDeployersPackagesFormNoCycle =
            slices().assignedFrom(packagesUnder("io.subito.deploy")).should().beFreeOfCycles();

    /** Each package under {@code root} (the root itself included) is a slice of its own; other classes are left out. */
    private static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package under " + root;
            }
        };
    }
}
