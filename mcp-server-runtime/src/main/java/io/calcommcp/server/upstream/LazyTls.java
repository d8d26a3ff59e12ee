package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's TLS with the JVM's defaults (its trust store, protocols and ciphers, and the host
 * name checked against the certificate), set up when the first https connection needs it: loading
 * the trust store costs a start that only talks to a local API, or not yet, tens of milliseconds.
 */
final class LazyTls implements TlsSocketStrategy {

    private static final class Holder {
        static final DefaultClientTlsStrategy SYSTEM = DefaultClientTlsStrategy.createSystemDefault();
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        return Holder.SYSTEM.upgrade(socket, target, port, attachment, context);
    }
}
