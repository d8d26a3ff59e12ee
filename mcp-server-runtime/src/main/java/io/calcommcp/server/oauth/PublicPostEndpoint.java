package io.calcommcp.server.oauth;

import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.StoreUnavailableException;
import java.util.OptionalLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An endpoint a client posts to from anywhere without a session: registration, token and
 * revocation. What they share is answered here, once: a CORS preflight, any origin allowed (a
 * browser-based client calls them across origins, and no cookie is involved), POST only, the rate
 * limit per client address (none of them needs credentials to be tried), and a store outage or a
 * bug as an OAuth error rather than a stack trace. A subclass answers the request itself.
 */
abstract class PublicPostEndpoint extends Handler.Abstract {

    private final AddressRateLimiter limiter;
    private final StructuredLog log;
    private final String name;

    /**
     * @param name the endpoint, as the log names it when answering fails
     */
    PublicPostEndpoint(AddressRateLimiter limiter, StructuredLog log, String name) {
        this.limiter = limiter;
        this.log = log;
        this.name = name;
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        if (request.getMethod().equals("OPTIONS")) {
            OAuthHttp.preflight(response, callback, "POST, OPTIONS");
            return true;
        }
        OAuthHttp.allowAnyOrigin(response);
        if (!request.getMethod().equals("POST")) {
            OAuthHttp.methodNotAllowed(response, callback, "POST");
            return true;
        }
        OptionalLong wait = limiter.acquire(OAuthHttp.clientAddress(request));
        if (wait.isPresent()) {
            OAuthHttp.tooManyRequests(response, callback, wait.getAsLong());
            return true;
        }
        try {
            answer(request, response, callback);
        } catch (StoreUnavailableException e) {
            OAuthHttp.storeUnavailable(response, callback);
        } catch (RuntimeException e) {
            OAuthHttp.serverError(response, callback, log, name, e);
        }
        return true;
    }

    /** Answers a POST that passed the rate limit; a store outage may be thrown. */
    abstract void answer(Request request, Response response, Callback callback);
}
