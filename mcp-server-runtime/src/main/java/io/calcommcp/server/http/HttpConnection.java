package io.calcommcp.server.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One client connection, served on its own thread from the first byte to the last: requests are
 * read, handled and answered in turn (HTTP/1.1 keep-alive and pipelining), with no hand-off
 * between threads. Every blocking read has a deadline: the headers must arrive within the request
 * timeout of their first byte, a body within the request timeout of its headers, and an idle
 * connection is closed after the keep-alive timeout.
 */
final class HttpConnection implements Runnable {

    /** Answers up to this size (head and body) leave in one write. */
    private static final int ONE_WRITE_BYTES = 64 * 1024;

    /** An answer array larger than this is let go once its answer is sent. */
    private static final int KEPT_ANSWER_BYTES = 2 * ONE_WRITE_BYTES;

    /** Bytes kept free before a body that writes itself into the answer array, for its head. */
    private static final int HEAD_ROOM = 1024;

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final HttpServerHost.Settings settings;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private final StringBuilder head = new StringBuilder(256);
    private byte[] answer = new byte[8 * 1024];

    // Per request.
    private RequestHead request;
    private RequestBody body;
    private boolean closeAfterAnswer;
    private volatile long writingSinceNanos;

    HttpConnection(Socket socket, HttpServerHost.Settings settings) throws IOException {
        this.socket = socket;
        this.settings = settings;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.buffer = new byte[settings.maxHeaderBytes() + 4 * 1024];
    }

    @Override
    public void run() {
        try {
            boolean first = true;
            while (serveOne(first)) {
                first = false;
            }
        } catch (IOException e) {
            // The client went away or stopped reading: nothing is left to answer.
        } finally {
            close();
            settings.connections().remove(this);
        }
    }

    /** Closes the socket; a thread blocked on it wakes with an exception. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed already.
        }
    }

    /** Whether an answer has been being written for longer than {@code nanos} (a client not reading). */
    boolean writingLongerThan(long nanos, long now) {
        long since = writingSinceNanos;
        return since != 0 && now - since > nanos;
    }

    JsonErrorPages errorPages() {
        return settings.errorPages();
    }

    /** Serves one request; false when the connection is to be closed. */
    private boolean serveOne(boolean first) throws IOException {
        long idleMillis = first ? settings.requestTimeoutMillis() : settings.keepAliveMillis();
        if (!awaitRequest(idleMillis)) {
            return false;
        }
        long headDeadline = System.nanoTime() + settings.requestTimeoutMillis() * 1_000_000L;
        int headEnd;
        try {
            headEnd = readHead(headDeadline);
        } catch (SocketTimeoutException e) {
            settings.headerTimedOut();
            return false;
        }
        closeAfterAnswer = false;
        if (headEnd < 0) {
            request = null;
            body = RequestBody.EMPTY;
            refuse(431);
            return false;
        }
        try {
            request = RequestHead.parse(buffer, pos, headEnd - pos);
        } catch (RequestHead.Refusal refusal) {
            request = null;
            body = RequestBody.EMPTY;
            refuse(refusal.status());
            return false;
        }
        pos = skipEmptyLine(headEnd);
        long bodyDeadline = System.nanoTime() + settings.requestTimeoutMillis() * 1_000_000L;
        body = request.chunked()
                ? new RequestBody.Chunked(this, bodyDeadline)
                : request.contentLength() > 0
                        ? new RequestBody.Fixed(this, request.contentLength(), bodyDeadline)
                        : RequestBody.EMPTY;
        if (request.expectsOther()) {
            refuse(417);
            return false;
        }
        Routes.Match match = settings.routes().find(request.path());
        HttpResponse response = new HttpResponse(this, request.method().equals("HEAD"));
        if (match == null) {
            refuse(response, 404);
            return !closeAfterAnswer;
        }
        HttpRequest exchange = new HttpRequest(request, body, match.subPath());
        try {
            match.handler().handle(exchange, response);
        } catch (RuntimeException e) {
            settings.log()
                    .error(
                            "request_failed",
                            line -> line.put("exception", e.getClass().getName()));
            if (response.isSent()) {
                return false;
            }
            response = new HttpResponse(this, false);
            response.sendError(500);
            return false;
        }
        if (!response.isSent()) {
            response.sendEmpty(response.status());
        }
        return !closeAfterAnswer;
    }

    private void refuse(int status) throws IOException {
        refuse(new HttpResponse(this, false), status);
    }

    private void refuse(HttpResponse response, int status) throws IOException {
        settings.errorPages().send(response, status);
    }

    /**
     * Sends the answer: head, {@code Content-Length} and body. The connection is kept only if the
     * client wants it, the server is not closing, and the request's body has been read to its end:
     * what is left of an unread body would otherwise be taken for the next request.
     */
    void write(HttpResponse response, int length, HttpResponse.Body content) throws IOException {
        int headLength = head(response, length);
        int total = headLength + (content == null ? 0 : length);
        writingSinceNanos = System.nanoTime();
        try {
            if (total <= ONE_WRITE_BYTES) {
                if (answer.length < total) {
                    answer = new byte[Math.max(total, answer.length * 2)];
                }
                copyHead(0);
                if (content != null) {
                    Slice slice = new Slice(answer, headLength, length);
                    content.writeTo(slice);
                    slice.checkFull();
                }
                out.write(answer, 0, total);
            } else {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (content != null) {
                    Counted counted = new Counted(new BufferedOutputStream(out, 16 * 1024), length);
                    content.writeTo(counted);
                    counted.flush();
                    counted.checkFull();
                }
            }
            out.flush();
        } finally {
            writingSinceNanos = 0;
        }
    }

    /**
     * Sends an answer whose body writes itself into the answer array, after {@link #HEAD_ROOM}
     * bytes kept free; the head, whose {@code Content-Length} is known only then, is written into
     * the room just before the body, and both leave in one write. Of a {@code HEAD} request's
     * answer only the head leaves.
     */
    void write(HttpResponse response, HttpResponse.ArrayBody content, boolean headOnly) throws IOException {
        int from = HEAD_ROOM;
        if (answer.length < from + content.expectedLength()) {
            answer = new byte[from + content.expectedLength()];
        }
        int end;
        while ((end = content.writeInto(answer, from)) < 0) {
            answer = new byte[answer.length * 2];
        }
        int length = end - from;
        int headLength = head(response, length);
        writingSinceNanos = System.nanoTime();
        try {
            if (headLength <= from) {
                copyHead(from - headLength);
                out.write(answer, from - headLength, headLength + (headOnly ? 0 : length));
            } else {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (!headOnly) {
                    out.write(answer, from, length);
                }
            }
            out.flush();
        } finally {
            writingSinceNanos = 0;
            if (answer.length > KEPT_ANSWER_BYTES) {
                // One large answer should not hold its memory for as long as the connection lives.
                answer = new byte[8 * 1024];
            }
        }
    }

    /** Builds the head for a body of {@code length} bytes into {@link #head}; returns its length. */
    private int head(HttpResponse response, int length) {
        boolean keepAlive = request != null
                && request.keepAlive()
                && !response.closesConnection()
                && body.finished()
                && !settings.closing();
        closeAfterAnswer = !keepAlive;
        head.setLength(0);
        response.writeHead(head);
        head.append("Content-Length: ").append(length).append("\r\n");
        head.append("Date: ").append(HttpDate.now()).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        return head.length();
    }

    /** Copies the head, which is ASCII, into the answer array from {@code at}. */
    private void copyHead(int at) {
        for (int i = 0; i < head.length(); i++) {
            answer[at + i] = (byte) head.charAt(i);
        }
    }

    /** Sends {@code 100 Continue} if the client waits for it before sending the body. */
    void continueIfExpected() throws IOException {
        if (request != null && request.expectsContinue()) {
            out.write(CONTINUE);
            out.flush();
        }
    }

    /** Waits for the first byte of a request; false on a clean close or an idle timeout. */
    private boolean awaitRequest(long idleMillis) throws IOException {
        if (pos < limit) {
            return true;
        }
        pos = 0;
        limit = 0;
        try {
            return fill(System.nanoTime() + idleMillis * 1_000_000L) > 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Reads until the head's empty line and returns where that line starts, with {@link #pos} at
     * the request line; -1 when the head is larger than the limit.
     */
    private int readHead(long deadline) throws IOException {
        // Empty lines before a request line are allowed (RFC 9112, 2.2).
        while (true) {
            while (pos < limit && (buffer[pos] == '\r' || buffer[pos] == '\n')) {
                pos++;
            }
            if (pos < limit) {
                break;
            }
            pos = 0;
            limit = 0;
            if (fill(deadline) < 0) {
                throw new IOException("closed before a request");
            }
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int scanned = 0;
        while (true) {
            for (int i = Math.max(scanned, 1); i < limit; i++) {
                if (buffer[i] == '\n'
                        && (buffer[i - 1] == '\n' || (i >= 2 && buffer[i - 1] == '\r' && buffer[i - 2] == '\n'))) {
                    int emptyLine = buffer[i - 1] == '\r' ? i - 1 : i;
                    return emptyLine <= settings.maxHeaderBytes() ? emptyLine : -1;
                }
            }
            scanned = limit;
            if (limit >= settings.maxHeaderBytes() + 2) {
                return -1;
            }
            if (fill(deadline) < 0) {
                throw new IOException("closed inside a request head");
            }
        }
    }

    /** Skips the CRLF (or LF) of the head's empty line, which starts at {@code at}. */
    private int skipEmptyLine(int at) {
        return buffer[at] == '\r' ? at + 2 : at + 1;
    }

    /** Reads more bytes into the buffer before {@code deadline}; -1 at the end of the stream. */
    private int fill(long deadline) throws IOException {
        int n = read(buffer, limit, buffer.length - limit, deadline);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private int read(byte[] into, int offset, int length, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000L)));
        return in.read(into, offset, length);
    }

    /** Body bytes: first what the buffer holds, then straight from the socket. */
    int readBody(byte[] into, int offset, int length, long deadline) throws IOException {
        if (pos < limit) {
            int n = Math.min(length, limit - pos);
            System.arraycopy(buffer, pos, into, offset, n);
            pos += n;
            return n;
        }
        return read(into, offset, length, deadline);
    }

    /** One body byte, or -1 at the end of the stream. */
    int readBodyByte(long deadline) throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
            if (fill(deadline) < 0) {
                return -1;
            }
        }
        return buffer[pos++] & 0xff;
    }

    /** Writes into a fixed region of the answer buffer and refuses to write past it. */
    private static final class Slice extends OutputStream {
        private final byte[] into;
        private int at;
        private final int end;

        Slice(byte[] into, int from, int length) {
            this.into = into;
            this.at = from;
            this.end = from + length;
        }

        @Override
        public void write(int b) {
            if (at >= end) {
                throw new IllegalStateException("The body is longer than its Content-Length");
            }
            into[at++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > end - at) {
                throw new IllegalStateException("The body is longer than its Content-Length");
            }
            System.arraycopy(b, off, into, at, len);
            at += len;
        }

        void checkFull() {
            if (at != end) {
                throw new IllegalStateException("The body is shorter than its Content-Length");
            }
        }
    }

    /** Counts what goes through, and refuses to write more than {@code length} bytes. */
    private static final class Counted extends OutputStream {
        private final OutputStream out;
        private long left;

        Counted(OutputStream out, long length) {
            this.out = out;
            this.left = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IllegalStateException("The body is longer than its Content-Length");
            }
            out.write(b, off, len);
            left -= len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        void checkFull() {
            if (left != 0) {
                throw new IllegalStateException("The body is shorter than its Content-Length");
            }
        }
    }
}
