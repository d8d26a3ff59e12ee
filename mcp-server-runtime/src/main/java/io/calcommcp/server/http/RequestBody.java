package io.calcommcp.server.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request's body as a stream that ends where the body ends: after {@code Content-Length} bytes,
 * or at a chunked body's last chunk. Every read must be done before the body's deadline, after
 * which it throws {@link java.net.SocketTimeoutException}.
 */
abstract class RequestBody extends InputStream {

    /** A request without a body. */
    static final RequestBody EMPTY = new RequestBody() {
        @Override
        public int read(byte[] into, int offset, int length) {
            return -1;
        }

        @Override
        boolean finished() {
            return true;
        }
    };

    /** Whether the body has been read to its end, so the next request starts after it. */
    abstract boolean finished();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** A body of a length given by {@code Content-Length}. */
    static final class Fixed extends RequestBody {
        private final HttpConnection connection;
        private final long deadline;
        private long left;
        private boolean started;

        Fixed(HttpConnection connection, long length, long deadline) {
            this.connection = connection;
            this.left = length;
            this.deadline = deadline;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            if (!started) {
                started = true;
                connection.continueIfExpected();
            }
            int n = connection.readBody(into, offset, (int) Math.min(length, left), deadline);
            if (n < 0) {
                throw new IOException("The client closed the connection inside the request body");
            }
            left -= n;
            return n;
        }

        @Override
        boolean finished() {
            return left == 0;
        }
    }

    /** A body sent in chunks ({@code Transfer-Encoding: chunked}); extensions and trailers are skipped. */
    static final class Chunked extends RequestBody {
        /** A chunk-size line longer than this is not a chunk size. */
        private static final int MAX_LINE = 1024;

        private final HttpConnection connection;
        private final long deadline;
        private long chunkLeft;
        private boolean started;
        private boolean done;

        Chunked(HttpConnection connection, long deadline) {
            this.connection = connection;
            this.deadline = deadline;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (!started) {
                started = true;
                connection.continueIfExpected();
            }
            if (chunkLeft == 0) {
                chunkLeft = chunkSize();
                if (chunkLeft == 0) {
                    skipTrailers();
                    done = true;
                    return -1;
                }
            }
            int n = connection.readBody(into, offset, (int) Math.min(length, chunkLeft), deadline);
            if (n < 0) {
                throw new IOException("The client closed the connection inside the request body");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                String end = line();
                if (!end.isEmpty()) {
                    throw new IOException("A chunk is longer than its size");
                }
            }
            return n;
        }

        @Override
        boolean finished() {
            return done;
        }

        private long chunkSize() throws IOException {
            String line = line();
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new IOException("A malformed chunk size");
            }
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("A malformed chunk size");
            }
        }

        private void skipTrailers() throws IOException {
            int lines = 0;
            while (!line().isEmpty()) {
                if (++lines > 100) {
                    throw new IOException("Too many trailer lines");
                }
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = connection.readBodyByte(deadline);
                if (b < 0) {
                    throw new IOException("The client closed the connection inside the request body");
                }
                if (b == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new IOException("A chunk line is too long");
                }
                line.append((char) b);
            }
        }
    }
}
