package io.calcommcp.codegen.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Location;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an OpenAPI document from a file or an http(s) URL and parses it with swagger-parser. A URL
 * is downloaded once per call of {@link #read}: the generator reads the spec once per build and
 * every later step works on what it generated.
 */
public final class SpecLoader {

    private static final String HINT = "point the spec parameter (Maven property calcom.openapi.spec) at a readable "
            + "OpenAPI 3 (or Swagger 2.0) JSON or YAML file, or at an http(s) URL that serves one";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            // Messages name a URL without its user-info or query, which can carry tokens.
            String shown = displayUrl(trimmed);
            try {
                return new SpecSource(shown, shown, SpecDownload.fetch(trimmed, SpecSearch.DEFAULT_TIMEOUT));
            } catch (SpecDownload.Failure e) {
                throw new CodegenException(
                        Location.file(shown), "cannot download the OpenAPI spec: " + e.getMessage(), HINT);
            }
        }
        Path path;
        try {
            path = lower.startsWith("file:") ? Path.of(URI.create(trimmed)) : Path.of(trimmed);
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw new CodegenException(Location.file(trimmed), "not a file path or an http(s) URL", HINT);
        }
        Path name = path.getFileName();
        return new SpecSource(name == null ? trimmed : name.toString(), trimmed, readFile(path));
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
        boolean swagger2 = SWAGGER_2.matcher(text).find();
        JsonNode document = tree(text);
        List<Diagnostic> broken = new ArrayList<>();
        List<MalformedPart> malformedInPaths = new ArrayList<>();
        if (document != null) {
            broken.addAll(ReferenceCheck.problems(document, source.location()));
            // A Swagger 2.0 document has another shape; the parser's converter reads it.
            for (MalformedPart part : swagger2 ? List.<MalformedPart>of() : SchemaShapeCheck.of(document)) {
                if (part.isWithin("/paths")) {
                    malformedInPaths.add(part);
                } else {
                    // A component is shared: leaving out every operation that uses it would hide
                    // much of the API behind one mistake, so it stops the build instead.
                    broken.add(Diagnostic.error(
                            Location.pointer(source.location(), part.pointer()), part.message(), part.fix()));
                }
            }
        }
        if (!broken.isEmpty()) {
            throw new CodegenException(broken);
        }
        SwaggerParseResult result;
        try {
            result = swagger2
                    ? new SwaggerConverter().readContents(text, null, options)
                    : new OpenAPIV3Parser().readContents(text, null, options);
        } catch (RuntimeException e) {
            // The parser's own defect on a document it does not expect; say so rather than crash.
            throw new CodegenException(
                    Location.file(source.location()),
                    "the OpenAPI parser failed on this document ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")",
                    "check the document with an OpenAPI validator; parts that are not what the format"
                            + " allows there (a string where an object belongs) are the usual cause");
        }
        List<String> messages = result.getMessages() == null
                ? List.of()
                : result.getMessages().stream().filter(Objects::nonNull).toList();
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
        return new LoadedSpec(
                source.displayName(),
                result.getOpenAPI(),
                messages,
                format,
                swagger2 ? Optional.empty() : Optional.ofNullable(document),
                malformedInPaths);
    }

    /** The document as a tree, for the checks that need it as written; null when it is not YAML or JSON. */
    private static JsonNode tree(String text) {
        try {
            JsonNode root = YAML.readTree(text);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            // Not readable as YAML or JSON: the parser says so with its own messages.
            return null;
        }
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
}
