package io.calcommcp.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.MutableClock;
import io.calcommcp.toolapi.ToolExposure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the OAuth tables must do on every database the store runs on, run by {@link
 * H2OAuthStoreTest} and {@link PostgresOAuthStoreTest}: a grant is written whole or not at all, a
 * code and a refresh token are spent once even when presented at once, revocation takes
 * everything of a grant with it, pruning deletes only what can never be used, and the shared key
 * is the same for every replica.
 */
abstract class OAuthStoreContract {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final Duration ACCESS = Duration.ofHours(1);
    static final Duration REFRESH = Duration.ofDays(30);

    protected MutableClock clock;
    protected StoreLocation location;
    protected Store store;

    /** The location of a new, empty database. */
    abstract StoreLocation newDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        clock = MutableClock.startingNow();
        location = newDatabase();
        store = Store.open(location, key(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static EncryptionKey key() {
        return new EncryptionKey("TEST_KEY", Optional.of(KEY), Optional.empty());
    }

    OAuthGrants.NewGrant consent(String challenge) {
        return new OAuthGrants.NewGrant(
                "client-1",
                Optional.of("Test Client"),
                "https://mcp.example.com/mcp",
                "Test Client (OAuth)",
                "fake_live_key_of_the_person",
                new McpServerConfig(
                        Optional.of(List.of("read")),
                        Optional.of(List.of("things")),
                        false,
                        ToolExposure.ALL,
                        OptionalInt.empty()),
                "https://chatgpt.com/connector/oauth/abc",
                challenge,
                clock.instant().plusSeconds(60));
    }

    @Test
    void aGrantIsItsAccountItsMcpServerAndItsCode_andItsCodeIsFirstUsedOnce() {
        OAuthGrants.Created created = store.oauthGrants().create(consent(CHALLENGE));
        StoredOAuthGrant grant = created.grant();
        assertEquals(Optional.of(grant), store.oauthGrants().find(grant.id()));
        assertEquals(List.of(grant), store.oauthGrants().list());
        assertEquals(
                Optional.of("fake_live_key_of_the_person"), store.accounts().apiKey(grant.accountId()));
        StoredMcpServer server = store.mcpServers().find(grant.mcpServerId()).orElseThrow();
        assertEquals(Optional.of(List.of("read")), server.config().methods());
        assertEquals(Optional.of(List.of("things")), server.config().tags());
        assertEquals(grant.accountId(), server.accountId());

        OAuthGrants.CodeUse first = store.oauthGrants().useCode(created.code());
        OAuthGrants.CodeUse.First used = assertInstanceOf(OAuthGrants.CodeUse.First.class, first);
        assertEquals(CHALLENGE, used.codeChallenge());
        assertEquals("https://chatgpt.com/connector/oauth/abc", used.redirectUri());
        assertFalse(used.isExpired(clock.instant().plusSeconds(59)));
        assertTrue(used.isExpired(clock.instant().plusSeconds(60)));
        assertEquals(
                new OAuthGrants.CodeUse.Again(grant.id()), store.oauthGrants().useCode(created.code()));
        assertEquals(new OAuthGrants.CodeUse.Unknown(), store.oauthGrants().useCode(Tokens.newToken()));
    }

    @Test
    void aGrantThatCannotBeWrittenWhole_leavesNothing() {
        String tooLong = "x".repeat(200);
        assertThrows(StoreUnavailableException.class, () -> store.oauthGrants().create(consent(tooLong)));
        assertEquals(List.of(), store.oauthGrants().list());
        assertEquals(List.of(), store.accounts().list(), "the account written before the code was rolled back");
    }

    @Test
    void tokensAreFoundByHash_andARefreshTokenRotatesOnce() {
        StoredOAuthGrant grant = store.oauthGrants().create(consent(CHALLENGE)).grant();
        OAuthGrants.IssuedTokens issued =
                store.oauthGrants().issueTokens(grant.id(), ACCESS, REFRESH).orElseThrow();
        OAuthGrants.StoredOAuthToken access =
                store.oauthGrants().findToken(issued.accessToken()).orElseThrow();
        assertEquals(OAuthGrants.TokenKind.ACCESS, access.kind());
        assertEquals(clock.instant().plus(ACCESS), access.expiresAt());
        assertTrue(access.grant().activatedAt().isPresent());
        assertEquals(
                OAuthGrants.TokenKind.REFRESH,
                store.oauthGrants()
                        .findToken(issued.refreshToken())
                        .orElseThrow()
                        .kind());

        OAuthGrants.Rotation rotated = store.oauthGrants().rotate(issued.refreshToken(), ACCESS, REFRESH);
        assertInstanceOf(OAuthGrants.Rotation.Rotated.class, rotated);
        assertEquals(
                new OAuthGrants.Rotation.AlreadyRotated(grant.id()),
                store.oauthGrants().rotate(issued.refreshToken(), ACCESS, REFRESH));
        assertTrue(store.oauthGrants()
                .findToken(issued.refreshToken())
                .orElseThrow()
                .rotatedAt()
                .isPresent());
        assertEquals(new OAuthGrants.Rotation.Gone(), store.oauthGrants().rotate(Tokens.newToken(), ACCESS, REFRESH));
        assertEquals(
                new OAuthGrants.Rotation.Gone(),
                store.oauthGrants().rotate(issued.accessToken(), ACCESS, REFRESH),
                "an access token does not rotate");
    }

    @Test
    void ofManyRotationsAtOnceExactlyOneRotates() throws Exception {
        StoredOAuthGrant grant = store.oauthGrants().create(consent(CHALLENGE)).grant();
        String refresh = store.oauthGrants()
                .issueTokens(grant.id(), ACCESS, REFRESH)
                .orElseThrow()
                .refreshToken();
        List<OAuthGrants.Rotation> outcomes = all(8, () -> store.oauthGrants().rotate(refresh, ACCESS, REFRESH));
        assertEquals(
                1,
                outcomes.stream()
                        .filter(o -> o instanceof OAuthGrants.Rotation.Rotated)
                        .count(),
                outcomes.toString());
        assertEquals(
                7,
                outcomes.stream()
                        .filter(o -> o instanceof OAuthGrants.Rotation.AlreadyRotated)
                        .count());
    }

    @Test
    void ofManyUsesOfACodeAtOnceExactlyOneIsFirst() throws Exception {
        String code = store.oauthGrants().create(consent(CHALLENGE)).code();
        List<OAuthGrants.CodeUse> outcomes = all(8, () -> store.oauthGrants().useCode(code));
        assertEquals(
                1,
                outcomes.stream()
                        .filter(o -> o instanceof OAuthGrants.CodeUse.First)
                        .count(),
                outcomes.toString());
    }

    @Test
    void revokingAGrantTakesItsKeyServerCodeAndTokens() {
        OAuthGrants.Created created = store.oauthGrants().create(consent(CHALLENGE));
        StoredOAuthGrant grant = created.grant();
        OAuthGrants.IssuedTokens issued =
                store.oauthGrants().issueTokens(grant.id(), ACCESS, REFRESH).orElseThrow();
        assertTrue(store.oauthGrants().revoke(grant.id()));
        assertFalse(store.oauthGrants().revoke(grant.id()));
        assertEquals(Optional.empty(), store.oauthGrants().findToken(issued.accessToken()));
        assertEquals(Optional.empty(), store.oauthGrants().findToken(issued.refreshToken()));
        assertEquals(new OAuthGrants.CodeUse.Unknown(), store.oauthGrants().useCode(created.code()));
        assertEquals(Optional.empty(), store.mcpServers().find(grant.mcpServerId()));
        assertEquals(Optional.empty(), store.accounts().find(grant.accountId()));
        assertEquals(Optional.empty(), store.oauthGrants().issueTokens(grant.id(), ACCESS, REFRESH));
    }

    @Test
    void pruningDeletesUnusedConsentsAndDeadGrants_andKeepsLiveOnes() {
        StoredOAuthGrant unused = store.oauthGrants().create(consent(CHALLENGE)).grant();
        StoredOAuthGrant live = store.oauthGrants().create(consent(CHALLENGE)).grant();
        store.oauthGrants().issueTokens(live.id(), ACCESS, REFRESH).orElseThrow();
        StoredOAuthGrant dying = store.oauthGrants().create(consent(CHALLENGE)).grant();
        store.oauthGrants().issueTokens(dying.id(), ACCESS, Duration.ofHours(2)).orElseThrow();

        assertEquals(0, store.oauthGrants().prune(clock.instant().minusSeconds(1)), "nothing is old yet");
        clock.advance(Duration.ofHours(3));
        assertEquals(2, store.oauthGrants().prune(clock.instant().minus(Duration.ofMinutes(6))));
        assertEquals(
                List.of(live.id()),
                store.oauthGrants().list().stream().map(StoredOAuthGrant::id).toList());
        assertEquals(Optional.empty(), store.accounts().find(unused.accountId()), "the unused consent's key is gone");
        assertEquals(Optional.empty(), store.accounts().find(dying.accountId()));
    }

    @Test
    void aSharedKeyIsMadeOnce_andTheSameForEveryReplica() throws Exception {
        byte[] key = store.secrets().key("oauth_consent_form");
        assertEquals(StoreSecrets.KEY_BYTES, key.length);
        try (Store replica = Store.open(location, key(), clock)) {
            assertArrayEquals(key, replica.secrets().key("oauth_consent_form"));
            assertFalse(java.util.Arrays.equals(key, replica.secrets().key("another")));
        }
        assertThrows(IllegalArgumentException.class, () -> store.secrets().key("Bad Name"));
    }

    @Test
    void registeredClientsKeepTheirRedirectUris() {
        StoredOAuthClient client =
                store.oauthClients().register(Optional.of("ChatGPT"), List.of("https://a/cb", "https://b/cb"));
        assertEquals(Optional.of(client), store.oauthClients().find(client.clientId()));
        assertEquals(Optional.empty(), store.oauthClients().find("unknown"));
        StoredOAuthClient nameless = store.oauthClients().register(Optional.empty(), List.of("http://127.0.0.1/cb"));
        assertEquals(
                Optional.empty(),
                store.oauthClients().find(nameless.clientId()).orElseThrow().name());
    }

    private static <T> List<T> all(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return work.call();
            }));
        }
        go.countDown();
        List<T> outcomes = new ArrayList<>();
        for (Future<T> future : futures) {
            outcomes.add(future.get());
        }
        pool.shutdown();
        return outcomes;
    }
}
