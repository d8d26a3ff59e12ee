package io.calcommcp.server.http;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP request as a handler sees it: its method, its path (percent-decoded and checked, see
 * {@link RequestHead}), its headers by case-insensitive name, and its body as a stream that ends
 * where the body ends.
 */
public final class HttpRequest {

    private final RequestHead head;
    private final InputStream body;
    private final String subPath;

    HttpRequest(RequestHead head, InputStream body, String subPath) {
        this.head = head;
        this.body = body;
        this.subPath = subPath;
    }

    /** The method as sent, such as {@code POST}. */
    public String method() {
        return head.method();
    }

    /** The decoded path, such as {@code /mcp/abc}; never holds {@code .} or {@code ..} segments. */
    public String path() {
        return head.path();
    }

    /**
     * What follows the route's prefix: {@code /abc} for {@code /mcp/abc} on the route {@code
     * /mcp/*}, the whole path on {@code /*}, and the empty string on an exact route.
     */
    public String subPath() {
        return subPath;
    }

    /** The first value of the header {@code name}, whatever its case; null when absent. */
    public String header(String name) {
        return head.header(name.toLowerCase(Locale.ROOT));
    }

    /** Every value of the header {@code name}, in the order sent. */
    public List<String> headers(String name) {
        return head.headers(name.toLowerCase(Locale.ROOT));
    }

    /** The names of the headers sent, in lower case, each once. */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (String name : head.names()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The {@code Content-Type} header, or null. */
    public String contentType() {
        return header("content-type");
    }

    /** The body's length from {@code Content-Length}; -1 for a chunked body, 0 for none. */
    public long contentLength() {
        return head.contentLength();
    }

    /** The body; it ends where the body ends, and a read past the request's deadline times out. */
    public InputStream body() {
        return body;
    }
}
