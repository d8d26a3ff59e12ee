package io.calcommcp.codegen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's packages form the pipeline their names promise, and stay that way: a directed
 * graph from the Mojos down to the diagnostics, without cycles.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.calcommcp.codegen");
        // The rules below would hold vacuously for an empty import.
        assertTrue(classes.contain(io.calcommcp.codegen.core.Codegen.class), "the generator's classes were imported");
        assertTrue(classes.size() > 50, "classes: " + classes.size());
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.calcommcp.codegen.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void stagesDependOnlyOnEarlierStages() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("io.calcommcp.codegen..")
                .layer("maven")
                .definedBy("..codegen.maven..")
                .layer("core")
                .definedBy("..codegen.core..")
                .layer("write")
                .definedBy("..codegen.write..")
                .layer("emit")
                .definedBy("..codegen.emit..")
                .layer("surface")
                .definedBy("..codegen.surface..")
                .layer("model")
                .definedBy("..codegen.model..")
                .layer("rules")
                .definedBy("..codegen.rules..")
                .layer("spec")
                .definedBy("..codegen.spec..")
                .layer("diagnostics")
                .definedBy("..codegen.diagnostics..")
                .whereLayer("maven")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("core")
                .mayOnlyBeAccessedByLayers("maven")
                .whereLayer("write")
                .mayOnlyBeAccessedByLayers("core")
                // The Mojo names the catalog's service file when it registers the resources.
                .whereLayer("emit")
                .mayOnlyBeAccessedByLayers("core", "write", "maven")
                .whereLayer("surface")
                .mayOnlyBeAccessedByLayers("core", "maven")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("core", "emit", "surface")
                .whereLayer("rules")
                .mayOnlyBeAccessedByLayers("core", "model")
                // The Mojo says where to look for the spec (SpecSearch) and reports which it used.
                .whereLayer("spec")
                .mayOnlyBeAccessedByLayers("core", "rules", "model", "maven")
                .check(classes);
    }

    @Test
    void onlyTheMavenFrontEndKnowsMaven() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..codegen.maven..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.maven..")
                .check(classes);
    }

    @Test
    void emittersAndTheModelTouchNoFiles() {
        noClasses()
                .that()
                .resideInAnyPackage("..codegen.emit..", "..codegen.model..", "..codegen.diagnostics..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.nio.file.Files")
                .check(classes);
    }
}
