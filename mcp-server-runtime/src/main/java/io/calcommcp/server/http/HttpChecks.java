package io.calcommcp.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the server refuses before any service sees a request, beyond Jetty's own strict parsing:
 * more header fields than {@link #MAX_HEADERS} (431), and an HTTP/1.0 request with a {@code
 * Transfer-Encoding}, whose framing RFC 9112 (section 6.1) says to treat as faulty (400). Both are
 * answered, then the connection is closed, so that nothing after them is read as a request.
 */
final class HttpChecks extends Handler.Wrapper {

    /** More header fields than this are refused; a JSON-RPC request sends a handful. */
    static final int MAX_HEADERS = 100;

    HttpChecks(Handler routes) {
        super(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        if (headers.size() > MAX_HEADERS) {
            refuseAndClose(request, response, callback, 431);
            return true;
        }
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_0
                && headers.contains(HttpHeader.TRANSFER_ENCODING)) {
            refuseAndClose(request, response, callback, 400);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static void refuseAndClose(Request request, Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        Response.writeError(request, response, callback, status);
    }
}
