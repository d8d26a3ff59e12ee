package io.calcommcp.server.upstream;

import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpCore's keep-alive rules, and no reuse after an answer whose head frames it ambiguously: a 204
 * that announces a body, a 304 (this client never asks conditionally, so one is out of step), or
 * both a Transfer-Encoding and a Content-Length. Whatever such an answer really sent may still be
 * on its way, and must not become the next call's answer ({@link CheckedConnection} covers what
 * has arrived already).
 */
final class FramingReuseStrategy implements ConnectionReuseStrategy {

    @Override
    public boolean keepAlive(HttpRequest request, HttpResponse response, HttpContext context) {
        if (!DefaultConnectionReuseStrategy.INSTANCE.keepAlive(request, response, context)) {
            return false;
        }
        boolean chunked = response.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        boolean sized = response.containsHeader(HttpHeaders.CONTENT_LENGTH);
        int status = response.getCode();
        if (status == 304 || chunked && sized) {
            return false;
        }
        return status != 204 || !chunked && !announcesBytes(response);
    }

    private static boolean announcesBytes(HttpResponse response) {
        for (Header length : response.getHeaders(HttpHeaders.CONTENT_LENGTH)) {
            if (!length.getValue().trim().equals("0")) {
                return true;
            }
        }
        return false;
    }
}
