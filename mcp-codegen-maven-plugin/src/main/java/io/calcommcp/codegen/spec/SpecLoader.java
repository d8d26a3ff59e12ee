package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Location;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an OpenAPI document from a file or an http(s) URL and parses it with swagger-parser. A URL
 * is downloaded once per call of {@link #read}: the generator reads the spec once per build and
 * every later step works on what it generated.
 */
public final class SpecLoader {

    private static final String HINT = "point the spec parameter (Maven property calcom.openapi.spec) at a readable "
            + "OpenAPI 3 (or Swagger 2.0) JSON or YAML file, or at an http(s) URL that serves one";
    private static final Duration URL_TIMEOUT = Duration.ofSeconds(30);

    /** The root member of a Swagger 2.0 document, in YAML or JSON. */
    private static final Pattern SWAGGER_2 =
            Pattern.compile("(?m)^\\s*[\"']?swagger[\"']?\\s*:\\s*[\"']?2\\.|\"swagger\"\\s*:\\s*\"2\\.");

    /** Loads and parses the document at {@code location}. */
    public LoadedSpec load(String location) throws CodegenException {
        return parse(read(location));
    }

    /** Reads the document at {@code location} (a file path or URL) without parsing it. */
    public SpecSource read(String location) throws CodegenException {
        String trimmed = location.trim();
        if (trimmed.isEmpty()) {
            throw new CodegenException(Location.file("spec"), "no OpenAPI spec location was given", HINT);
        }
        boolean remote = isUrl(trimmed);
        byte[] bytes = remote ? download(trimmed) : readFile(Path.of(trimmed));
        String displayName =
                remote ? displayUrl(trimmed) : Path.of(trimmed).getFileName().toString();
        // Messages name a URL without its user-info or query, which can carry tokens.
        return new SpecSource(displayName, remote ? displayName : trimmed, bytes);
    }

    /**
     * Parses a document already read: OpenAPI 3.0 and 3.1 as they are, Swagger 2.0 converted to
     * OpenAPI 3.0 first. A document the parser could not read whole fails with every problem it
     * reported, rather than generating from part of it.
     */
    public LoadedSpec parse(SpecSource source) throws CodegenException {
        ParseOptions options = new ParseOptions();
        // Keep $refs as references: the schema converter inlines them itself so it can stop
        // at recursive schemas instead of expanding forever.
        options.setResolve(true);
        options.setResolveFully(false);
        String text = new String(source.bytes(), StandardCharsets.UTF_8);
        List<Diagnostic> broken = ReferenceCheck.unresolved(text, source.location());
        if (!broken.isEmpty()) {
            throw new CodegenException(broken);
        }
        boolean swagger2 = SWAGGER_2.matcher(text).find();
        SwaggerParseResult result = swagger2
                ? new SwaggerConverter().readContents(text, null, options)
                : new OpenAPIV3Parser().readContents(text, null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        Location where = Location.file(source.location());
        if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
            throw new CodegenException(
                    where,
                    "cannot parse the OpenAPI spec: "
                            + (messages.isEmpty()
                                    ? "it is not an OpenAPI 3 or Swagger 2.0 document"
                                    : messages.size() + " problem(s): " + String.join("; ", messages)),
                    HINT);
        }
        String version = result.getOpenAPI().getOpenapi();
        if (version == null || !version.startsWith("3.")) {
            throw new CodegenException(
                    where, "the document is not OpenAPI 3 or Swagger 2.0 (openapi: " + version + ")", HINT);
        }
        String format = swagger2 ? "Swagger 2.0, converted to OpenAPI " + version : "OpenAPI " + version;
        return new LoadedSpec(source.displayName(), result.getOpenAPI(), messages, format);
    }

    private static boolean isUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:");
    }

    private static byte[] readFile(Path path) throws CodegenException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CodegenException(Location.file(path.toString()), "the OpenAPI spec file does not exist", HINT);
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(path.toString()), "cannot read the OpenAPI spec: " + e.getMessage(), HINT);
        }
    }

    /**
     * A URL as it may appear in messages and generated files: without user-info, query or
     * fragment, which can carry tokens.
     */
    static String displayUrl(String location) {
        try {
            URI uri = URI.create(location);
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                // Like a plain path: the file name only, so output does not depend on the checkout's place.
                return Path.of(uri).getFileName().toString();
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "the given URL";
        }
    }

    private static byte[] download(String location) throws CodegenException {
        try {
            URL url = URI.create(location).toURL();
            URLConnection connection = url.openConnection();
            connection.setConnectTimeout((int) URL_TIMEOUT.toMillis());
            connection.setReadTimeout((int) URL_TIMEOUT.toMillis());
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | IllegalArgumentException e) {
            String shown = displayUrl(location);
            String why = String.valueOf(e.getMessage()).replace(location, shown);
            throw new CodegenException(
                    Location.file(shown),
                    "cannot download the OpenAPI spec: " + e.getClass().getSimpleName() + ": " + why,
                    HINT);
        }
    }
}
