package io.calcommcp.server.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient's connection, refusing to be reused while bytes it has not delivered wait on it.
 *
 * <p>Why: HttpClient reads an answer exactly as its head frames it, and bytes beyond that (after a
 * 204 that had a body anyway, past a Content-Length shorter than what came) stay in the
 * connection's buffer or socket. Back in the pool, they would be read as the next call's answer,
 * which may be another account's call. So a connection goes back only with nothing unread, and is
 * checked again (without waiting) each time it is taken: if something arrived meanwhile, it is
 * closed instead of used.
 *
 * <p>The answer's head is read by HttpCore's strict parser (no garbage skipped before the status
 * line), with each line and the number of headers bounded; what it refuses is reported in fixed
 * words ({@link MalformedAnswerException}), never by quoting the answer, which may echo the key.
 */
final class CheckedConnection implements ManagedHttpClientConnection {

    /** The longest line of an answer's head, and the most header lines it may have. */
    static final int MAX_HEAD_LINE_BYTES = 16 * 1024;

    static final int MAX_HEADERS = 100;

    /** After this long unused, a connection is also read from for a millisecond (servers close idle ones). */
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Http1Config HTTP1 = Http1Config.custom()
            .setMaxLineLength(MAX_HEAD_LINE_BYTES)
            .setMaxHeaderCount(MAX_HEADERS)
            .build();

    /** Makes HttpClient's connections, each checked. */
    static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
        HeadParser parser = new HeadParser();
        ManagedHttpClientConnection connection = ManagedHttpClientConnectionFactory.builder()
                .http1Config(HTTP1)
                .responseParserFactory(parser)
                .build()
                .createConnection(null);
        CheckedConnection checked = new CheckedConnection(connection, parser);
        if (socket != null) {
            checked.bind(socket);
        }
        return checked;
    };

    private final ManagedHttpClientConnection connection;
    private final HeadParser head;
    private volatile Socket tcp;
    private volatile long idleSince = System.nanoTime();

    private CheckedConnection(ManagedHttpClientConnection connection, HeadParser head) {
        this.connection = connection;
        this.head = head;
    }

    /** Whether bytes nobody asked for have arrived: in the parser's buffer, TLS's, or the socket's. */
    private boolean unreadBytes() {
        try {
            Socket socket = connection.getSocket();
            Socket plain = tcp;
            return head.buffered() > 0
                    || socket != null && socket.getInputStream().available() > 0
                    || plain != null
                            && plain != socket
                            && plain.getInputStream().available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public boolean isConsistent() {
        return connection.isConsistent() && !unreadBytes();
    }

    @Override
    public boolean isStale() throws IOException {
        if (!connection.isOpen() || unreadBytes()) {
            return true;
        }
        if (System.nanoTime() - idleSince < CHECK_AFTER_IDLE_NANOS) {
            return false;
        }
        // A millisecond's read: the end of the stream means the server closed it; data means out of step.
        return connection.isStale() || unreadBytes();
    }

    @Override
    public void passivate() {
        connection.passivate();
        idleSince = System.nanoTime();
    }

    @Override
    public void activate() {
        connection.activate();
    }

    @Override
    public void bind(Socket socket) throws IOException {
        tcp = socket;
        connection.bind(socket);
    }

    @Override
    public void bind(SSLSocket tlsSocket, Socket socket) throws IOException {
        tcp = socket;
        connection.bind(tlsSocket, socket);
    }

    // --- the rest as HttpClient's own connection does it

    @Override
    public Socket getSocket() {
        return connection.getSocket();
    }

    @Override
    public SSLSession getSSLSession() {
        return connection.getSSLSession();
    }

    @Override
    public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
        connection.sendRequestHeader(request);
    }

    @Override
    public void terminateRequest(ClassicHttpRequest request) throws HttpException, IOException {
        connection.terminateRequest(request);
    }

    @Override
    public void sendRequestEntity(ClassicHttpRequest request) throws HttpException, IOException {
        connection.sendRequestEntity(request);
    }

    @Override
    public ClassicHttpResponse receiveResponseHeader() throws HttpException, IOException {
        return connection.receiveResponseHeader();
    }

    @Override
    public void receiveResponseEntity(ClassicHttpResponse response) throws HttpException, IOException {
        connection.receiveResponseEntity(response);
    }

    @Override
    public boolean isDataAvailable(Timeout timeout) throws IOException {
        return connection.isDataAvailable(timeout);
    }

    @Override
    public void flush() throws IOException {
        connection.flush();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        connection.close(closeMode);
    }

    @Override
    public EndpointDetails getEndpointDetails() {
        return connection.getEndpointDetails();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return connection.getLocalAddress();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return connection.getRemoteAddress();
    }

    @Override
    public ProtocolVersion getProtocolVersion() {
        return connection.getProtocolVersion();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public Timeout getSocketTimeout() {
        return connection.getSocketTimeout();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        connection.setSocketTimeout(timeout);
    }

    /**
     * HttpCore's strict answer-head parser, one per connection, which also remembers the buffer it
     * reads from: the connection's own, whose unread bytes are otherwise out of sight.
     */
    private static final class HeadParser
            implements HttpMessageParserFactory<ClassicHttpResponse>, HttpMessageParser<ClassicHttpResponse> {

        private final DefaultHttpResponseParser strict = new DefaultHttpResponseParser(HTTP1);
        private volatile SessionInputBuffer buffer;

        int buffered() {
            SessionInputBuffer read = buffer;
            return read == null ? 0 : read.length();
        }

        @Override
        public HttpMessageParser<ClassicHttpResponse> create() {
            return this;
        }

        @Deprecated
        @Override
        public HttpMessageParser<ClassicHttpResponse> create(Http1Config config) {
            return this;
        }

        @Override
        public ClassicHttpResponse parse(SessionInputBuffer in, InputStream stream) throws IOException, HttpException {
            buffer = in;
            try {
                return strict.parse(in, stream);
            } catch (MessageConstraintException e) {
                throw new MalformedAnswerException("the answer's head has a line longer than "
                        + MAX_HEAD_LINE_BYTES / 1024 + " KiB, or more than " + MAX_HEADERS + " headers");
            } catch (ProtocolException e) {
                throw new MalformedAnswerException(
                        "the answer's head is not an HTTP/1.x status line followed by headers");
            }
        }
    }
}
