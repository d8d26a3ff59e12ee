package io.calcommcp.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one request: a status, headers and a body of known length, sent once. Content
 * length is always set by the server, so a handler cannot send a body that disagrees with it.
 */
public final class HttpResponse {

    /** Writes a body of the length given to {@link #send(int, String, int, Body)}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A body whose length is known only once it is written, written straight into the connection's
     * answer array behind the space kept for the head: it is neither built apart nor copied.
     */
    public interface ArrayBody {
        /** The length to size the array for; a guess, usually right. */
        int expectedLength();

        /**
         * Writes the body into {@code into} from {@code from}, and returns where it ends; or -1 if it
         * does not fit, to be called again with a larger array.
         */
        int writeInto(byte[] into, int from);
    }

    private final HttpConnection connection;
    private final boolean head;
    private final List<String> headers = new ArrayList<>(8);
    private int status = 200;
    private boolean sent;
    private boolean close;

    HttpResponse(HttpConnection connection, boolean head) {
        this.connection = connection;
        this.head = head;
    }

    /** Sets the status that {@link #sendEmpty} and a handler that sends nothing answer with. */
    public void setStatus(int status) {
        this.status = status;
    }

    /**
     * Adds a header. {@code Connection: close} closes the connection after the answer; {@code
     * Content-Length} is the server's to set and is ignored here.
     */
    public void setHeader(String name, String value) {
        if (name.equalsIgnoreCase("content-length")) {
            return;
        }
        if (name.equalsIgnoreCase("connection")) {
            close |= value.equalsIgnoreCase("close");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\r' || value.charAt(i) == '\n') {
                throw new IllegalArgumentException("A header value cannot hold a line break: " + name);
            }
        }
        headers.add(name);
        headers.add(value);
    }

    /** Sends {@code body} with {@code status} and {@code contentType}. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        send(status, contentType, body.length, out -> out.write(body));
    }

    /** Sends a body of {@code length} bytes, written by {@code body}, with {@code status}. */
    public void send(int status, String contentType, int length, Body body) throws IOException {
        checkNotSent();
        this.status = status;
        setHeader("Content-Type", contentType);
        sent = true;
        connection.write(this, length, head ? null : body);
    }

    /** Sends a body that writes itself into the answer array, with {@code status}. */
    public void send(int status, String contentType, ArrayBody body) throws IOException {
        checkNotSent();
        this.status = status;
        setHeader("Content-Type", contentType);
        sent = true;
        connection.write(this, body, head);
    }

    /** Sends the status set so far and no body. */
    public void sendEmpty(int status) throws IOException {
        checkNotSent();
        this.status = status;
        sent = true;
        connection.write(this, 0, null);
    }

    /**
     * Sends the server's JSON error answer for {@code status} ({@code {"error": ..., "message":
     * ...}}), and logs it once as a refused request; for a status that has no meaning of its own here
     * (404, 405, 413, ...).
     */
    public void sendError(int status) throws IOException {
        connection.errorPages().send(this, status);
    }

    /** Whether the answer has been sent. */
    public boolean isSent() {
        return sent;
    }

    int status() {
        return status;
    }

    List<String> headers() {
        return headers;
    }

    boolean closesConnection() {
        return close;
    }

    /** The status line and headers, without Content-Length and the empty line. */
    void writeHead(StringBuilder out) {
        out.append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            out.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
    }

    private void checkNotSent() {
        if (sent) {
            throw new IllegalStateException("The answer has been sent already");
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
