package io.calcommcp.codegen.model;

import io.calcommcp.toolapi.CredentialScheme;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the spec's {@code securitySchemes} say a credential is sent, as a {@link CredentialScheme}
 * the generated server fills in: the scheme the top-level {@code security} names first, else the
 * first one defined. API keys in a header or the query, HTTP bearer and basic, and OAuth 2 or
 * OpenID Connect access tokens (sent as bearer tokens) are understood; a cookie key is not.
 */
final class SecuritySchemes {

    private SecuritySchemes() {}

    /** The scheme, with the name of the spec's scheme; empty when the spec defines none it can use. */
    record Found(String name, CredentialScheme credential) {}

    static Optional<Found> of(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSecuritySchemes() == null) {
            return Optional.empty();
        }
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        if (api.getSecurity() != null) {
            for (SecurityRequirement requirement : api.getSecurity()) {
                for (String name : requirement.keySet()) {
                    Optional<CredentialScheme> credential = credential(schemes.get(name));
                    if (credential.isPresent()) {
                        return Optional.of(new Found(name, credential.get()));
                    }
                }
            }
        }
        for (Map.Entry<String, SecurityScheme> scheme : schemes.entrySet()) {
            Optional<CredentialScheme> credential = credential(scheme.getValue());
            if (credential.isPresent()) {
                return Optional.of(new Found(scheme.getKey(), credential.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<CredentialScheme> credential(SecurityScheme scheme) {
        if (scheme == null || scheme.getType() == null) {
            return Optional.empty();
        }
        return switch (scheme.getType()) {
            case APIKEY ->
                scheme.getName() == null || scheme.getIn() == null
                        ? Optional.empty()
                        : switch (scheme.getIn()) {
                            case HEADER -> Optional.of(CredentialScheme.header(scheme.getName()));
                            case QUERY -> Optional.of(CredentialScheme.query(scheme.getName()));
                            default -> Optional.empty();
                        };
            case HTTP -> {
                String kind =
                        scheme.getScheme() == null ? "" : scheme.getScheme().toLowerCase(Locale.ROOT);
                yield kind.equals("basic")
                        ? Optional.of(CredentialScheme.basic())
                        : kind.equals("bearer") ? Optional.of(CredentialScheme.bearer()) : Optional.empty();
            }
            case OAUTH2, OPENIDCONNECT -> Optional.of(CredentialScheme.bearer());
            default -> Optional.empty();
        };
    }
}
