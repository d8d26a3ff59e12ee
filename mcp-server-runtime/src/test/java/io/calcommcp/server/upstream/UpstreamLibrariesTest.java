package io.calcommcp.server.upstream;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The engine and the upstream client leave the wire to HttpClient: they open no socket, set up no
 * TLS and make no connection of their own (the old client did all three).
 */
class UpstreamLibrariesTest {

    private static final String[] PACKAGES = {"io.calcommcp.server.engine..", "io.calcommcp.server.upstream.."};

    @Test
    void theEngineAndTheUpstreamClientOpenNoSocketsThemselves() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.calcommcp.server.engine", "io.calcommcp.server.upstream");
        // The rule would hold vacuously for an empty import.
        assertTrue(classes.contain(UpstreamClient.class), "the upstream classes were imported");

        noClasses()
                .that()
                .resideInAnyPackage(PACKAGES)
                .should()
                .callConstructor(Socket.class)
                .orShould()
                .callConstructor(ServerSocket.class)
                .orShould()
                .callMethodWhere(target(owner(assignableTo(SocketFactory.class)
                        .or(assignableTo(SSLSocketFactory.class))
                        .or(assignableTo(SocketChannel.class))
                        .or(assignableTo(ServerSocketChannel.class)))))
                .because("HttpClient opens, secures and frames connections; the runtime does not do it again")
                .check(classes);
    }
}
