package io.calcommcp.server.admin;

/**
 * A request to create or change an integrated account.
 *
 * @param name a name for people; required when creating
 * @param apiKey the API key; required when creating, a new one rotates it; write-only
 * @param baseUrl the API's base URL for this account; cleared, the server's default applies
 */
public record AccountChanges(Change<String> name, Change<String> apiKey, Change<String> baseUrl) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AccountChanges[name=" + name + ", apiKey=" + (apiKey.isKept() ? "kept" : "<redacted>") + ", baseUrl="
                + baseUrl + "]";
    }
}
