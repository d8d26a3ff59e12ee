package io.calcommcp.server.oauth;

import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.oauth.client.ClientDirectory;
import io.calcommcp.server.oauth.client.ClientMetadataDocuments;
import io.calcommcp.server.store.Store;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolExposure;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * The OAuth 2.1 authorization server, as Jetty handlers: the two metadata documents, registration,
 * authorization with its consent page, token and revocation, each at its {@link OAuthPaths} path.
 * The composition root mounts them ({@link #handlers}, {@link #addTo} or {@link #handler}) and guards
 * {@code /mcp} with a {@link ResourceGuard} built on the same settings.
 *
 * <p>Every endpoint is rate-limited per client address, except the metadata; every answer that
 * carries a token, a code or a key's consequences is {@code no-store}.
 */
public final class OAuthEndpoints implements AutoCloseable {

    private final ClientMetadataDocuments documents;
    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    /**
     * @param settings how the server behaves
     * @param stores the store, which may still be opening
     * @param tools every tool the server serves: a grant's choice must allow at least one, and the
     *     consent page offers their tags
     * @param exposure how a grant's tools are presented to the client
     * @param keyCheck checks a person's API key before it is stored
     */
    public OAuthEndpoints(
            OAuthSettings settings,
            Supplier<Store> stores,
            List<ToolDefinition> tools,
            ToolExposure exposure,
            KeyCheck keyCheck,
            StructuredLog log,
            Clock clock) {
        this.documents = new ClientMetadataDocuments(
                settings.documents(),
                settings.redirects(),
                clock,
                settings.vendor().serverName());
        ClientDirectory clients = new ClientDirectory(stores, documents, settings.redirects());
        RateLimits limits = settings.rateLimits();
        GrantPruning pruning = new GrantPruning(stores, clock, log);
        ConsentForms forms = new ConsentForms(() -> stores.get().secrets().key("oauth_consent_form"), clock);

        MetadataHandler resource = MetadataHandler.protectedResource(settings);
        handlers.put(OAuthPaths.PROTECTED_RESOURCE_METADATA, resource);
        handlers.put(OAuthPaths.PROTECTED_RESOURCE_METADATA_ROOT, resource);
        handlers.put(OAuthPaths.AUTHORIZATION_SERVER_METADATA, MetadataHandler.authorizationServer(settings));
        handlers.put(
                OAuthPaths.REGISTRATION,
                new RegistrationHandler(
                        settings,
                        stores,
                        new AddressRateLimiter(limits.registrationsPerMinute(), limits.maxAddresses(), clock),
                        log));
        handlers.put(
                OAuthPaths.AUTHORIZATION,
                new AuthorizationHandler(
                        settings,
                        new AuthorizationRequests(settings, clients),
                        forms,
                        keyCheck,
                        stores,
                        tools,
                        exposure,
                        new AddressRateLimiter(limits.authorizationsPerMinute(), limits.maxAddresses(), clock),
                        pruning,
                        log,
                        clock));
        handlers.put(
                OAuthPaths.TOKEN,
                new TokenHandler(
                        settings,
                        stores,
                        new AddressRateLimiter(limits.tokenRequestsPerMinute(), limits.maxAddresses(), clock),
                        pruning,
                        log,
                        clock));
        handlers.put(
                OAuthPaths.REVOCATION,
                new RevocationHandler(
                        settings,
                        stores,
                        new AddressRateLimiter(limits.revocationsPerMinute(), limits.maxAddresses(), clock),
                        log));
    }

    /** The paths served, each matched exactly. */
    public List<String> paths() {
        return List.copyOf(handlers.keySet());
    }

    /** Each endpoint by the exact path it is served at, in the order of {@link #paths()}. */
    public Map<String, Handler> handlers() {
        return Collections.unmodifiableMap(handlers);
    }

    /** Maps each endpoint at its exact path in {@code mappings}. */
    public void addTo(PathMappingsHandler mappings) {
        handlers.forEach((path, handler) -> mappings.addMapping(PathSpec.from(path), handler));
    }

    /** A handler of the endpoints alone, which declines (returns false for) every other path. */
    public Handler handler() {
        PathMappingsHandler mappings = new PathMappingsHandler();
        addTo(mappings);
        return mappings;
    }

    /** Stops fetching client metadata documents. */
    @Override
    public void close() throws IOException {
        documents.close();
    }
}
