package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * One more try, on a fresh connection, for a request that is safe to repeat and whose connection
 * broke before any answer came (the server had closed it while it waited in the pool). Nothing
 * else is repeated: not a POST or PATCH, which could act twice, not a timeout, and never an answer,
 * whatever its status (a 429 or a 503 reaches the caller as it came).
 */
final class IdempotentRetry implements org.apache.hc.client5.http.HttpRequestRetryStrategy {

    /** The methods RFC 9110 calls idempotent, that this server may send. */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    @Override
    public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
        if (execCount > 1 || !IDEMPOTENT.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (request instanceof CancellableDependency cancellable && cancellable.isCancelled()) {
            return false;
        }
        // A connection that broke under the request (reset, or closed before a byte of the answer);
        // not one that was never made, and not a timeout (SocketTimeoutException is no SocketException).
        return failure instanceof NoHttpResponseException
                || failure instanceof SocketException
                        && !(failure instanceof ConnectException || failure instanceof NoRouteToHostException);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
