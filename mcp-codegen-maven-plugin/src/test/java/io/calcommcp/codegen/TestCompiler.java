package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sources in a test, the way a user's build would (release 17, UTF-8). */
public final class TestCompiler {

    private TestCompiler() {}

    /**
     * Compiles {@code sources} into {@code classes} with {@code options} added, fails the test if
     * compilation fails, and returns every diagnostic (warnings included).
     */
    public static List<Diagnostic<? extends JavaFileObject>> compile(
            List<Path> sources, Path classes, List<String> options) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> all = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-d", classes.toString()));
        all.addAll(options);
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(
                            new StringWriter(),
                            files,
                            diagnostics,
                            all,
                            null,
                            files.getJavaFileObjectsFromPaths(sources))
                    .call();
            assertTrue(ok, () -> "compilation failed: " + diagnostics.getDiagnostics());
        }
        return diagnostics.getDiagnostics();
    }
}
