package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.NotImplementedException;
import org.apache.hc.core5.http.ProtocolException;

/**
 * Why an exchange with the API failed, in words a user can act on, and whether the request may
 * have arrived. The words are fixed: never the library's message (which may quote the answer, and
 * the answer may echo the key), never an exception's class, never the API's URL (which is the
 * operator's business, and may name a host inside their network).
 */
final class ExchangeFailures {

    private final String api;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** @param apiName the API's name in messages, such as {@code the Example API} */
    ExchangeFailures(String apiName, Duration connectTimeout, Duration readTimeout) {
        this.api = apiName;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** What {@code failure} of a call watched by {@code watch} means. */
    UpstreamUnavailableException of(IOException failure, CallDeadlines.Watch watch) {
        boolean sent = watch.hadConnection();
        CallDeadlines.Phase expired = watch.expired();
        if (expired == CallDeadlines.Phase.CONNECT
                || failure instanceof ConnectTimeoutException
                || failure instanceof HostLookups.LookupTimeoutException) {
            return unsent("Could not connect to " + api + " within " + seconds(connectTimeout) + ".");
        }
        if (expired == CallDeadlines.Phase.ANSWER || failure instanceof SocketTimeoutException) {
            return new UpstreamUnavailableException(
                    capitalized(api) + " did not answer within " + seconds(readTimeout) + ".", sent);
        }
        if (failure instanceof UnknownHostException) {
            return unsent("Could not connect to " + api + ": its host name was not found.");
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return unsent("Could not connect to " + api + " (connection refused or host unreachable).");
        }
        if (failure instanceof SSLException && !sent) {
            return unsent("The TLS handshake with " + api
                    + " failed; check that the API's base URL has a valid certificate for its host name.");
        }
        String unreadable = unreadable(failure);
        if (unreadable != null) {
            return new UpstreamUnavailableException(
                    capitalized(api) + " sent an answer this server cannot read: " + unreadable + ".", true);
        }
        if (failure instanceof NoHttpResponseException) {
            return new UpstreamUnavailableException(
                    capitalized(api) + " closed the connection without answering.", sent);
        }
        if (failure instanceof ConnectionClosedException) {
            return new UpstreamUnavailableException(
                    capitalized(api) + " closed the connection before its answer was complete.", true);
        }
        return sent
                ? new UpstreamUnavailableException("The connection to " + api + " failed.", true)
                : unsent("Could not connect to " + api + ".");
    }

    /** What is wrong with an answer that arrived but is not HTTP this client reads; null if that is not it. */
    private static String unreadable(IOException failure) {
        if (failure instanceof MalformedAnswerException) {
            return failure.getMessage();
        }
        if (failure instanceof MalformedChunkCodingException) {
            return "its chunked body is malformed";
        }
        if (failure instanceof ClientProtocolException && failure.getCause() instanceof ProtocolException cause) {
            return cause instanceof NotImplementedException
                    ? "it uses a transfer coding other than chunked"
                    : "it is not framed as HTTP/1.1 (its version, length or transfer coding)";
        }
        return null;
    }

    /** The HTTP proxy answered the tunnel's CONNECT with {@code status} instead of opening it. */
    UpstreamUnavailableException proxyRefused(int status) {
        return unsent("The HTTP proxy refused to open a connection to " + api + " (it answered HTTP " + status
                + "); whoever runs this server must check its proxy settings.");
    }

    private static UpstreamUnavailableException unsent(String message) {
        return new UpstreamUnavailableException(message, false);
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
