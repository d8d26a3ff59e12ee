package io.calcommcp.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.tools.CalcomToolCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated tools and the hand-written runtime stay apart: no class of the runtime compiles
 * against the generated package, and the generated classes use the tool vocabulary and the JDK
 * only. The runtime's own layering and vendor neutrality are checked by the runtime's {@code
 * ArchitectureTest}.
 */
class ArchitectureTest {

    private static final String GENERATED = "io.calcommcp.server.tools..";

    static JavaClasses runtime;
    static JavaClasses generated;

    @BeforeAll
    static void importClasses() {
        // The runtime's classes from where the server loads them (its jar), not its test support.
        String runtimeJar = ToolExecutor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        runtime = new ClassFileImporter()
                .withImportOption(location -> location.contains(runtimeJar))
                .importPackages("io.calcommcp.server");
        generated = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.calcommcp.server.tools");
        // The rules below would hold vacuously for an empty import.
        assertTrue(runtime.contain(ToolExecutor.class), "the runtime's classes were imported");
        assertTrue(runtime.size() > 30, "runtime classes: " + runtime.size());
        assertTrue(generated.contain(CalcomToolCatalog.class), "the generated classes were imported");
        assertTrue(generated.size() > 30, "generated classes: " + generated.size());
    }

    @Test
    void nothingHandWrittenCompilesAgainstTheGeneratedPackage() {
        noClasses().should().dependOnClassesThat().resideInAPackage(GENERATED).check(runtime);
    }

    @Test
    void theGeneratedToolsUseOnlyTheToolVocabularyAndTheJdk() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(GENERATED, "io.calcommcp.toolapi..", "java..")
                .check(generated);
    }
}
