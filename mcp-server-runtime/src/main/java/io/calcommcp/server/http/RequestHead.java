package io.calcommcp.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request line and its headers, parsed strictly: whatever could be read two ways by two HTTP
 * implementations (a body length given twice, a header folded over lines, an encoded slash or a
 * dot segment in the path) is refused rather than guessed at.
 */
final class RequestHead {

    /** More headers than this are refused; a JSON-RPC request sends a handful. */
    static final int MAX_HEADERS = 100;

    private final String method;
    private final String path;
    private final boolean http10;
    private final List<String> names;
    private final List<String> values;
    private final long contentLength;
    private final boolean chunked;

    private RequestHead(
            String method,
            String path,
            boolean http10,
            List<String> names,
            List<String> values,
            long contentLength,
            boolean chunked) {
        this.method = method;
        this.path = path;
        this.http10 = http10;
        this.names = names;
        this.values = values;
        this.contentLength = contentLength;
        this.chunked = chunked;
    }

    /** The request could not be taken: answered with {@code status} and the connection closed. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;

        Refusal(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Parses {@code length} bytes of {@code bytes} from {@code offset}: the request line and the
     * header lines, each ending in CRLF (or a bare LF), without the empty line that ends them.
     */
    static RequestHead parse(byte[] bytes, int offset, int length) throws Refusal {
        int end = offset + length;
        int lineEnd = lineEnd(bytes, offset, end);
        String requestLine = latin1(bytes, offset, lineEnd);
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            throw new Refusal(400, "malformed request line");
        }
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        String version = requestLine.substring(lastSpace + 1);
        if (!isToken(method) || target.isEmpty() || target.indexOf(' ') >= 0) {
            throw new Refusal(400, "malformed request line");
        }
        boolean http10;
        if (version.equals("HTTP/1.1")) {
            http10 = false;
        } else if (version.equals("HTTP/1.0")) {
            http10 = true;
        } else if (version.startsWith("HTTP/")) {
            throw new Refusal(505, "unsupported HTTP version");
        } else {
            throw new Refusal(400, "malformed request line");
        }
        String path = path(target);

        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int at = next(bytes, lineEnd, end);
        while (at < end) {
            lineEnd = lineEnd(bytes, at, end);
            if (bytes[at] == ' ' || bytes[at] == '\t') {
                throw new Refusal(400, "folded header line");
            }
            int colon = -1;
            for (int i = at; i < lineEnd; i++) {
                if (bytes[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= at) {
                throw new Refusal(400, "header line without a name and a colon");
            }
            String name = latin1(bytes, at, colon);
            if (!isToken(name)) {
                throw new Refusal(400, "malformed header name");
            }
            int valueStart = colon + 1;
            int valueEnd = lineEnd;
            while (valueStart < valueEnd && (bytes[valueStart] == ' ' || bytes[valueStart] == '\t')) {
                valueStart++;
            }
            while (valueEnd > valueStart && (bytes[valueEnd - 1] == ' ' || bytes[valueEnd - 1] == '\t')) {
                valueEnd--;
            }
            for (int i = valueStart; i < valueEnd; i++) {
                int b = bytes[i] & 0xff;
                if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    throw new Refusal(400, "control character in a header value");
                }
            }
            if (names.size() == MAX_HEADERS) {
                throw new Refusal(431, "more than " + MAX_HEADERS + " headers");
            }
            names.add(name.toLowerCase(Locale.ROOT));
            values.add(latin1(bytes, valueStart, valueEnd));
            at = next(bytes, lineEnd, end);
        }

        if (!http10 && valuesOf(names, values, "host").size() != 1) {
            throw new Refusal(400, "an HTTP/1.1 request needs exactly one Host header");
        }
        long contentLength = 0;
        boolean chunked = false;
        List<String> encodings = valuesOf(names, values, "transfer-encoding");
        List<String> lengths = valuesOf(names, values, "content-length");
        if (!encodings.isEmpty()) {
            if (!lengths.isEmpty()) {
                throw new Refusal(400, "both Transfer-Encoding and Content-Length");
            }
            if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                throw new Refusal(501, "unsupported transfer encoding");
            }
            chunked = true;
            contentLength = -1;
        } else if (!lengths.isEmpty()) {
            contentLength = contentLength(lengths);
        }
        return new RequestHead(method, path, http10, names, values, contentLength, chunked);
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    List<String> names() {
        return names;
    }

    String header(String lowerCaseName) {
        int i = names.indexOf(lowerCaseName);
        return i < 0 ? null : values.get(i);
    }

    List<String> headers(String lowerCaseName) {
        return valuesOf(names, values, lowerCaseName);
    }

    long contentLength() {
        return contentLength;
    }

    boolean chunked() {
        return chunked;
    }

    /** Whether the client asked to keep the connection open after this request. */
    boolean keepAlive() {
        String connection = header("connection");
        if (connection == null) {
            return !http10;
        }
        String tokens = connection.toLowerCase(Locale.ROOT);
        return http10 ? tokens.contains("keep-alive") : !tokens.contains("close");
    }

    /** Whether the client waits for {@code 100 Continue} before it sends the body. */
    boolean expectsContinue() {
        String expect = header("expect");
        return !http10 && expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /** Whether the request has an {@code Expect} this server cannot meet. */
    boolean expectsOther() {
        String expect = header("expect");
        return expect != null && !expect.equalsIgnoreCase("100-continue");
    }

    private static long contentLength(List<String> lengths) throws Refusal {
        if (lengths.size() == 1 && isDigits(lengths.get(0))) {
            return Long.parseLong(lengths.get(0));
        }
        long length = -1;
        for (String text : lengths) {
            for (String part : text.split(",", -1)) {
                String digits = part.trim();
                if (!isDigits(digits)) {
                    throw new Refusal(400, "malformed Content-Length");
                }
                long value = Long.parseLong(digits);
                if (length >= 0 && value != length) {
                    throw new Refusal(400, "conflicting Content-Length values");
                }
                length = value;
            }
        }
        return length;
    }

    /**
     * The decoded path of an origin-form target; the query is dropped (no route reads one). An
     * encoded slash, backslash or NUL, a dot segment, or bytes that are not UTF-8 are refused: each
     * is a way to reach one path under another's name.
     */
    private static String path(String target) throws Refusal {
        if (target.charAt(0) != '/') {
            throw new Refusal(400, "the request target must be a path");
        }
        int query = target.indexOf('?');
        String raw = query < 0 ? target : target.substring(0, query);
        int fragment = raw.indexOf('#');
        if (fragment >= 0) {
            throw new Refusal(400, "a fragment in the request target");
        }
        if (raw.indexOf('%') < 0) {
            // The usual path, /mcp or /mcp/<token>: nothing to decode, only to check.
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' || c <= 0x20 || c >= 0x7f) {
                    throw new Refusal(400, "a character that must be percent-encoded in the path");
                }
            }
            return withoutDotSegments(raw);
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new Refusal(400, "malformed percent-encoding");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Refusal(400, "malformed percent-encoding");
                }
                int b = hi << 4 | lo;
                if (b == '/' || b == '\\' || b == 0) {
                    throw new Refusal(400, "an encoded slash, backslash or NUL in the path");
                }
                decoded.write(b);
                i += 2;
            } else if (c == '\\' || c <= 0x20 || c >= 0x7f) {
                throw new Refusal(400, "a character that must be percent-encoded in the path");
            } else {
                decoded.write(c);
            }
        }
        String path;
        try {
            path = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(400, "the path is not UTF-8");
        }
        return withoutDotSegments(path);
    }

    /** {@code path} itself, refused if one of its segments is {@code .} or {@code ..}. */
    private static String withoutDotSegments(String path) throws Refusal {
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if ((length == 1 || length == 2)
                    && path.charAt(start) == '.'
                    && (length == 1 || path.charAt(start + 1) == '.')) {
                throw new Refusal(400, "a dot segment in the path");
            }
            start = end + 1;
        }
        return path;
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<String> valuesOf(List<String> names, List<String> values, String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /** Where the line starting at {@code at} ends, before its CRLF or LF; a bare CR is refused. */
    private static int lineEnd(byte[] bytes, int at, int end) throws Refusal {
        for (int i = at; i < end; i++) {
            if (bytes[i] == '\n') {
                return i > at && bytes[i - 1] == '\r' ? i - 1 : i;
            }
            if (bytes[i] == '\r' && (i + 1 >= end || bytes[i + 1] != '\n')) {
                throw new Refusal(400, "a bare CR in the request head");
            }
        }
        return end;
    }

    /** The start of the line after the one ending at {@code lineEnd}. */
    private static int next(byte[] bytes, int lineEnd, int end) {
        int at = lineEnd;
        if (at < end && bytes[at] == '\r') {
            at++;
        }
        return at < end ? at + 1 : end;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
