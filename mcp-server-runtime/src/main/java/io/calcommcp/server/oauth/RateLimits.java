package io.calcommcp.server.oauth;

/**
 * How many requests one client address may send the OAuth endpoints a minute, per endpoint.
 *
 * @param registrationsPerMinute client registrations
 * @param authorizationsPerMinute authorization requests and consent submissions together
 * @param tokenRequestsPerMinute token requests
 * @param revocationsPerMinute revocation requests
 * @param maxAddresses how many addresses are tracked at once per endpoint; beyond that, new
 *     addresses wait until old windows end (so the memory stays bounded under a flood)
 */
public record RateLimits(
        int registrationsPerMinute,
        int authorizationsPerMinute,
        int tokenRequestsPerMinute,
        int revocationsPerMinute,
        int maxAddresses) {

    public RateLimits {
        if (registrationsPerMinute < 1
                || authorizationsPerMinute < 1
                || tokenRequestsPerMinute < 1
                || revocationsPerMinute < 1
                || maxAddresses < 1) {
            throw new IllegalArgumentException("every rate limit must be at least 1");
        }
    }

    /** 10 registrations, 30 authorizations, 60 token requests and 60 revocations a minute per address. */
    public static RateLimits defaults() {
        return new RateLimits(10, 30, 60, 60, 10_000);
    }
}
