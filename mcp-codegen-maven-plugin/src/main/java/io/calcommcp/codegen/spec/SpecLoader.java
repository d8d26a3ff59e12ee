package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Location;
import io.swagger.v3.parser.OpenAPIV3Parser;
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

/**
 * Reads an OpenAPI document from a file or an http(s) URL and parses it with swagger-parser. A URL
 * is downloaded once per call of {@link #read}: the generator reads the spec once per build and
 * every later step works on what it generated.
 */
public final class SpecLoader {

    private static final String HINT = "point the spec parameter (Maven property calcom.openapi.spec) at a readable "
            + "OpenAPI 3 JSON or YAML file, or at an http(s) URL that serves one";
    private static final Duration URL_TIMEOUT = Duration.ofSeconds(30);

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

    /** Parses a document already read. */
    public LoadedSpec parse(SpecSource source) throws CodegenException {
        ParseOptions options = new ParseOptions();
        // Keep $refs as references: the schema converter inlines them itself so it can stop
        // at recursive schemas instead of expanding forever.
        options.setResolve(true);
        options.setResolveFully(false);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readContents(new String(source.bytes(), StandardCharsets.UTF_8), null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        Location where = Location.file(source.location());
        if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
            String why = messages.isEmpty() ? "it is not an OpenAPI 3 document" : String.join("; ", messages);
            throw new CodegenException(where, "cannot parse the OpenAPI spec: " + why, HINT);
        }
        if (result.getOpenAPI().getOpenapi() == null
                || !result.getOpenAPI().getOpenapi().startsWith("3.")) {
            throw new CodegenException(
                    where,
                    "the document is not OpenAPI 3 (openapi: "
                            + result.getOpenAPI().getOpenapi() + ")",
                    HINT);
        }
        return new LoadedSpec(source.displayName(), result.getOpenAPI(), messages);
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
