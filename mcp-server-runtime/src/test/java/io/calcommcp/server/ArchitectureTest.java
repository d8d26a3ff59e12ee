package io.calcommcp.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.calcommcp.server.engine.ToolExecutor;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime stays vendor-neutral and layered: the engine knows no transport and no command line,
 * and no string constant of the runtime names a vendor (that belongs in the rules file and the
 * profile generated from it). That nothing of the runtime compiles against generated code, the
 * module boundary makes sure: the generated tools are not on its class path.
 */
class ArchitectureTest {

    private static final String ENGINE = "io.calcommcp.server.engine..";

    static JavaClasses runtime;

    @BeforeAll
    static void importClasses() {
        runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.calcommcp.server");
        // The rules below would hold vacuously for an empty import.
        assertTrue(runtime.contain(ToolExecutor.class), "the runtime's classes were imported");
        assertTrue(runtime.size() > 30, "classes: " + runtime.size());
    }

    @Test
    void theEngineKnowsNoTransportNoCommandLineAndNoGeneratedCode() {
        noClasses()
                .that()
                .resideInAnyPackage(ENGINE, "io.calcommcp.server.upstream..", "io.calcommcp.server.log..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.calcommcp.server.http..",
                        "io.calcommcp.server.transport..",
                        "io.calcommcp.server.stdio..",
                        "io.calcommcp.server.mcp..",
                        "io.calcommcp.server.cli..",
                        "io.calcommcp.server.store..",
                        "io.calcommcp.server.access..",
                        "io.calcommcp.server.admin..",
                        "io.calcommcp.server.config..",
                        "io.calcommcp.server.metrics..",
                        "io.micrometer..",
                        "io.modelcontextprotocol..",
                        "org.eclipse.jetty..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Main.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(ServerAssembly.class.getName())
                .check(runtime);
    }

    @Test
    void httpHostingKnowsNoMcp_andTheToolSurfaceKnowsNoHttp() {
        noClasses()
                .that()
                .resideInAPackage("io.calcommcp.server.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.modelcontextprotocol..",
                        "io.calcommcp.server.transport..",
                        "io.calcommcp.server.mcp..",
                        "io.calcommcp.server.stdio..")
                .check(runtime);
        noClasses()
                .that()
                .resideInAnyPackage("io.calcommcp.server.mcp..", "io.calcommcp.server.stdio..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eclipse.jetty..", "io.calcommcp.server.http..", "io.calcommcp.server.transport..")
                .check(runtime);
    }

    @Test
    void servingOpensNoSocketsOfItsOwn() {
        // Jetty listens and frames HTTP; the MCP SDK runs the protocol. (The upstream client is its own.)
        noClasses()
                .that()
                .resideInAPackage("io.calcommcp.server..")
                .and()
                .resideOutsideOfPackage("io.calcommcp.server.upstream..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.net.ServerSocket.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.net.Socket.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.nio.channels.ServerSocketChannel.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.nio.channels.SocketChannel.class.getName())
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("com.sun.net.httpserver..")
                .check(runtime);
    }

    @Test
    void theStoreKnowsOnlyJdbcItsOwnRecordsAndTheToolVocabulary() {
        noClasses()
                .that()
                .resideInAPackage("io.calcommcp.server.store..")
                .should()
                .dependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage("io.calcommcp.server..", "io.modelcontextprotocol..")
                                .and(DescribedPredicate.not(
                                        JavaClass.Predicates.resideInAPackage("io.calcommcp.server.store.."))))
                .check(runtime);
    }

    @Test
    void onlyTheCommandLineKnowsItsParser() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.calcommcp.server.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(runtime);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.calcommcp.server.(*)..").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void noStringConstantOfTheRuntimeNamesTheVendor() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (JavaClass type : runtime) {
            for (String constant : stringConstants(type.reflect())) {
                String lower = constant.toLowerCase(Locale.ROOT);
                if (lower.contains("cal.com") || lower.contains("calcom") || lower.contains("cal-api")) {
                    found.computeIfAbsent(type.getName(), k -> new ArrayList<>())
                            .add(constant);
                }
            }
        }
        assertEquals(Map.of(), found, "vendor names in string constants of the hand-written runtime");
    }

    @Test
    void theConstantScanSeesStringConstants() throws IOException {
        // Guards the test above: it must find the constants a class does have.
        assertTrue(stringConstants(ArchitectureTest.class).contains(ENGINE));
    }

    /** The string constants in a class file's constant pool (CONSTANT_String entries). */
    static List<String> stringConstants(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            DataInputStream data = new DataInputStream(in);
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            data.readUnsignedShort(); // major
            int count = data.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> stringRefs = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 8 -> stringRefs.add(data.readUnsignedShort());
                    case 7, 16, 19, 20 -> data.readUnsignedShort();
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.readInt();
                    case 5, 6 -> {
                        data.readLong();
                        i++; // longs and doubles take two entries
                    }
                    default -> throw new IOException(resource + ": unknown constant pool tag " + tag);
                }
            }
            List<String> strings = new ArrayList<>();
            stringRefs.forEach(index -> strings.add(utf8[index]));
            return strings;
        }
    }
}
