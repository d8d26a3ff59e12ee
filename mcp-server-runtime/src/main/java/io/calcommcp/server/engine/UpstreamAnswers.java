package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamResponse;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.VendorProfile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the API's answer, of any status, into a tool result. A success passes the JSON on, with
 * the API's rate limits beside it when it sent them. An error is reduced to what a caller can act
 * on: the status, the API's own code, message and per-field details, whether retrying can help,
 * and a sentence saying what to do next; a 429 also says when to try again. A body that is not JSON
 * (an HTML error page from a proxy, say) is never passed on.
 */
final class UpstreamAnswers {

    /** Statuses after which the same call may work later: a rate limit, a gateway that gave up. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);

    /** Media types an answer's error text may name. */
    private static final Set<String> KNOWN_MEDIA_TYPES = Set.of(
            "application/json",
            "application/problem+json",
            "application/octet-stream",
            "application/pdf",
            "application/xml",
            "application/xhtml+xml",
            "image/gif",
            "image/jpeg",
            "image/png",
            "text/csv",
            "text/html",
            "text/plain",
            "text/xml");

    private final ObjectMapper json;
    // The bytes are passed on as they are: anything after the JSON would break the answer.
    private final ObjectReader strictTree;
    private final String api;
    private final ErrorBodyReader errors;
    private final RateLimitReader rateLimits;
    private final Clock clock;

    UpstreamAnswers(ObjectMapper json, VendorProfile profile, Clock clock) {
        this.json = json;
        this.strictTree = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.api = "The " + profile.displayName() + " API";
        this.errors = new ErrorBodyReader(profile);
        this.rateLimits = new RateLimitReader(profile);
        this.clock = clock;
    }

    /**
     * @param ids the path arguments of the call by name, so that a 404 can say which id was not found
     */
    ToolResult map(
            String toolName,
            Account account,
            Map<String, String> ids,
            UpstreamResponse response,
            ResultShaper.Watch watch) {
        Instant now = clock.instant();
        Optional<RateLimitReader.RateLimit> limits = rateLimits.read(response, now);
        if (response.isSuccess()) {
            ToolResult success = success(toolName, account, response, watch);
            return limits.map(l -> success.withRateLimit(l.toJson())).orElse(success);
        }
        // The key is removed after decoding: an API may echo it escaped inside a JSON string.
        Optional<JsonNode> body = parse(response.bytes()).map(tree -> SecretRedaction.redact(tree, account.apiKey()));
        int status = response.status();
        ObjectNode error = json.createObjectNode();
        Optional<String> apiMessage = body.flatMap(errors::message);
        List<String> fieldProblems = body.map(errors::messages).orElse(List.of());
        body.flatMap(errors::code).ifPresent(code -> error.put("code", code));
        apiMessage.ifPresent(message -> error.put("message", message));
        body.flatMap(errors::details).ifPresent(details -> error.set("details", details));

        StringBuilder text = new StringBuilder(api).append(" answered HTTP ").append(status);
        String reason = HttpStatusText.reason(status);
        if (!reason.isEmpty()) {
            text.append(' ').append(reason);
        }
        if ((status == 400 || status == 422) && fieldProblems.size() > 1) {
            // One line per bad field, so that every one of them gets fixed in one go.
            text.append(':');
            fieldProblems.forEach(p -> text.append("\n- ").append(p));
            text.append('\n');
        } else if (apiMessage.isPresent()) {
            text.append(": ").append(apiMessage.get());
            if (!apiMessage.get().endsWith(".")) {
                text.append('.');
            }
            text.append(' ');
        } else if (body.isEmpty() && !response.isBlank()) {
            text.append(" (with a non-JSON body that is not shown). ");
        } else {
            text.append(", with no message saying what was wrong. ");
        }
        boolean explained = apiMessage.isPresent() || !fieldProblems.isEmpty();

        Outcome outcome = status == 429 ? Outcome.RATE_LIMITED : Outcome.UPSTREAM_ERROR;
        boolean retryable = RETRYABLE.contains(status);
        if (status == 429) {
            RateLimitReader.RateLimit limit = limits.orElse(new RateLimitReader.RateLimit(null, null, null, null));
            error.set("rateLimit", limit.toJson());
            if (limit.retryAfterSeconds() == null) {
                error.putNull("retry_after_seconds");
                text.append("The API did not say when the limit resets: wait at least a minute before calling again;"
                        + " do not retry at once.");
            } else {
                error.put("retry_after_seconds", limit.retryAfterSeconds());
                text.append("Try again in ")
                        .append(limit.retryAfterSeconds())
                        .append(limit.retryAfterSeconds() == 1 ? " second" : " seconds")
                        .append(" (at ")
                        .append(now.plusSeconds(limit.retryAfterSeconds()))
                        .append("), not sooner: every call before then is refused too.");
            }
        } else {
            limits.ifPresent(l -> error.set("rateLimit", l.toJson()));
            text.append(advice(status, account, ids, explained));
        }
        return ToolResult.failure(outcome, status, retryable, text.toString().strip(), error);
    }

    private static String advice(int status, Account account, Map<String, String> ids, boolean explained) {
        return switch (status) {
            case 401 ->
                "The API key configured for " + account.name() + " was rejected: whoever runs this server must"
                        + " replace it. Retrying will not help.";
            case 403 ->
                "The API key configured for " + account.name() + " may not do this: whoever runs this server"
                        + " must give it the permission, or this needs another account. Retrying will not help.";
            case 404 ->
                ids.isEmpty()
                        ? HttpStatusText.advice(404, explained)
                        : "Nothing was found for " + describe(ids) + ". Check the "
                                + (ids.size() == 1 ? "id" : "ids")
                                + ": list or search first to find an existing one, and use its id exactly as returned.";
            default -> HttpStatusText.advice(status, explained);
        };
    }

    private static String describe(Map<String, String> ids) {
        List<String> parts = new ArrayList<>();
        ids.forEach((name, value) -> parts.add(name + " \"" + value + "\""));
        return String.join(" and ", parts);
    }

    /**
     * @param watch what the result's shaping will need to know of a JSON object, so that it can be
     *     outlined instead of parsed into a tree; null to parse it into a tree
     */
    private ToolResult success(String toolName, Account account, UpstreamResponse response, ResultShaper.Watch watch) {
        if (response.isBlank()) {
            ObjectNode structured = json.createObjectNode().put("httpStatus", response.status());
            return ToolResult.success(
                    structured, api + " answered HTTP " + response.status() + " with no content.", response.status());
        }
        byte[] bytes;
        Optional<JsonNode> body;
        try {
            // The bytes are passed on as they are: they must be UTF-8, without the key even escaped.
            bytes = SecretRedaction.redact(json, stripped(response.bytes()), account.apiKey());
            if (!isUtf8(bytes)) {
                return notJson(toolName, response);
            }
            if (watch != null && bytes[0] == '{') {
                Optional<AnswerOutline> outline =
                        AnswerOutline.read(json.getFactory(), bytes, Paging.CURSOR, watch.records(), watch.more());
                if (outline.isPresent()) {
                    return ToolResult.outlined(json, bytes, outline.get(), response.status());
                }
            }
            body = parse(bytes);
        } catch (IOException e) {
            return notJson(toolName, response);
        }
        if (body.isEmpty()) {
            return notJson(toolName, response);
        }
        JsonNode node = body.get();
        ObjectNode structured =
                node.isObject() ? (ObjectNode) node : json.createObjectNode().set("data", node);
        // The upstream's own bytes are already the JSON; re-serialising the tree would only cost time.
        return node.isObject()
                ? ToolResult.json(structured, bytes, response.status())
                : ToolResult.json(structured, structured.toString(), response.status());
    }

    private ToolResult notJson(String toolName, UpstreamResponse response) {
        return ToolResult.failure(
                Outcome.UPSTREAM_INVALID_RESPONSE,
                response.status(),
                true,
                api + " answered HTTP " + response.status() + " but its body is not JSON ("
                        + mediaType(response.header("content-type")) + "), so " + toolName
                        + " cannot pass it on. Try again later; if it persists, the API base URL may point at"
                        + " something other than the API.",
                json.createObjectNode());
    }

    /**
     * The answer's media type in words of this server's own, never the header's value (which is the
     * API's to fill, with anything up to the key): a common type by name, anything else unnamed.
     */
    static String mediaType(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return "no content type";
        }
        String value = contentType.get();
        int semicolon = value.indexOf(';');
        String type =
                (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return KNOWN_MEDIA_TYPES.contains(type) ? type : "a content type this server does not name";
    }

    /** Whether {@code utf8} is well-formed UTF-8 (no overlong forms, no surrogates), as JSON must be. */
    private static boolean isUtf8(byte[] utf8) {
        int first = 0;
        while (first < utf8.length && utf8[first] >= 0) {
            first++;
        }
        if (first == utf8.length) {
            return true;
        }
        // The JDK's decoder checks; what it decodes goes into a small buffer, emptied as it fills.
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8, first, utf8.length - first);
        CharBuffer out = CharBuffer.allocate(1024);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return !decoder.flush(out).isError();
            }
            out.clear();
        }
    }

    /** {@code utf8} without the white space around it (nearly always: itself). */
    private static byte[] stripped(byte[] utf8) {
        int start = 0;
        int end = utf8.length;
        while (start < end && isSpace(utf8[start])) {
            start++;
        }
        while (end > start && isSpace(utf8[end - 1])) {
            end--;
        }
        return start == 0 && end == utf8.length ? utf8 : Arrays.copyOfRange(utf8, start, end);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** The JSON of {@code utf8}, or empty if it is blank or not JSON. */
    private Optional<JsonNode> parse(byte[] utf8) {
        try {
            JsonNode tree = strictTree.readValue(utf8);
            return tree == null || tree.isMissingNode() ? Optional.empty() : Optional.of(tree);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
