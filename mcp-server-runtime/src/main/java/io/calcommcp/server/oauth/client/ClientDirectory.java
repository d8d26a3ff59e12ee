package io.calcommcp.server.oauth.client;

import io.calcommcp.server.store.Store;
import io.calcommcp.server.store.StoredOAuthClient;
import io.calcommcp.server.store.Tokens;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the client a request names: a client id that is an https URL is a metadata document
 * ({@link ClientMetadataDocuments}); any other is looked up among the registered clients. Either
 * way the client's redirect URIs are those the {@link RedirectPolicy} allows now, so narrowing the
 * policy applies to clients that registered before.
 */
public final class ClientDirectory {

    /** The outcome of a lookup. */
    public sealed interface Lookup {
        /** The client. */
        record Found(OAuthClient client) implements Lookup {}

        /** No such client, or its document was refused; the reason says which. */
        record NotFound(String reason) implements Lookup {}
    }

    private final Supplier<Store> stores;
    private final ClientMetadataDocuments documents;
    private final RedirectPolicy redirects;

    public ClientDirectory(Supplier<Store> stores, ClientMetadataDocuments documents, RedirectPolicy redirects) {
        this.stores = stores;
        this.documents = documents;
        this.redirects = redirects;
    }

    /**
     * The client called {@code clientId}.
     *
     * @throws io.calcommcp.server.store.StoreUnavailableException if the store does not answer
     */
    public Lookup find(String clientId) {
        if (ClientMetadataDocuments.isDocumentUrl(clientId)) {
            ClientMetadataDocuments.Fetched fetched = documents.fetch(clientId);
            if (fetched instanceof ClientMetadataDocuments.Fetched.Refused refused) {
                return new Lookup.NotFound(refused.reason());
            }
            return new Lookup.Found(((ClientMetadataDocuments.Fetched.Found) fetched).client());
        }
        Optional<StoredOAuthClient> stored =
                Tokens.looksLikeToken(clientId) ? stores.get().oauthClients().find(clientId) : Optional.empty();
        if (stored.isEmpty()) {
            return new Lookup.NotFound("There is no registered client " + clientId
                    + ". Register it again at the registration endpoint, or use the URL of its metadata document.");
        }
        return new Lookup.Found(new OAuthClient(
                clientId,
                stored.get().name(),
                stored.get().redirectUris().stream()
                        .filter(uri -> redirects.problem(uri).isEmpty())
                        .toList(),
                OAuthClient.Kind.REGISTERED));
    }
}
