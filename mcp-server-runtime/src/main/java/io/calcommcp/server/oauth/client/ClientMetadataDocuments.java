package io.calcommcp.server.oauth.client;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.minidev.json.JSONObject;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Client ID Metadata Documents: a client whose id is an https URL publishes its metadata there,
 * and the server fetches it when the client asks for authorization. The fetch is guarded: https
 * only, no address that is not public ({@link PublicAddresses}, checked at resolution and
 * connected to as checked), no redirects, no cookies, at most {@link Limits#maxBytes} bytes and
 * {@link Limits#timeout} in all. A document is kept for the time its {@code Cache-Control} allows,
 * at most {@link Limits#maxCacheAge}, in a small cache; failures are not kept.
 *
 * <p>The document must name itself: its {@code client_id} equals the URL exactly. Its metadata is
 * checked like a registration's ({@link ClientMetadataCheck}).
 */
public final class ClientMetadataDocuments implements AutoCloseable {

    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d{1,9})");
    private static final Duration DEFAULT_CACHE_AGE = Duration.ofMinutes(5);

    /**
     * How documents are fetched.
     *
     * @param maxBytes the largest document
     * @param timeout the longest a fetch may take, connecting and reading together
     * @param maxCacheAge the longest a document is kept
     * @param maxCached how many documents are kept at most
     * @param allowNonPublicAddresses whether loopback and private addresses may be fetched (tests)
     * @param allowHttp whether {@code http} client ids are accepted (tests)
     */
    public record Limits(
            int maxBytes,
            Duration timeout,
            Duration maxCacheAge,
            int maxCached,
            boolean allowNonPublicAddresses,
            boolean allowHttp) {

        public Limits {
            if (maxBytes < 1 || maxCached < 0) {
                throw new IllegalArgumentException("maxBytes must be positive and maxCached not negative");
            }
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(maxCacheAge, "maxCacheAge");
        }

        /** 5 KB, 3 seconds, kept up to 10 minutes, 256 documents; public https addresses only. */
        public static Limits defaults() {
            return new Limits(5 * 1024, Duration.ofSeconds(3), Duration.ofMinutes(10), 256, false, false);
        }

        /** These limits, with loopback and private addresses and plain http allowed: for tests. */
        public Limits allowingLocalAddresses() {
            return new Limits(maxBytes, timeout, maxCacheAge, maxCached, true, true);
        }
    }

    /** The outcome of looking a document up. */
    public sealed interface Fetched {
        /** The document was there and passed every check. */
        record Found(OAuthClient client) implements Fetched {}

        /** It was not, or did not; the reason is for the person and the client's developer. */
        record Refused(String reason) implements Fetched {}
    }

    private record Cached(OAuthClient client, Instant until) {}

    private final Limits limits;
    private final RedirectPolicy redirects;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;
    private final Map<String, Cached> cache;

    /** @param userAgent the {@code User-Agent} sent with each fetch, such as the server's name */
    public ClientMetadataDocuments(Limits limits, RedirectPolicy redirects, Clock clock, String userAgent) {
        this.limits = limits;
        this.redirects = redirects;
        this.clock = clock;
        Timeout timeout = Timeout.of(limits.timeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PublicAddresses(limits.allowNonPublicAddresses()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnTotal(8)
                        .setMaxConnPerRoute(2)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(userAgent)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "oauth-document-deadline");
            thread.setDaemon(true);
            return thread;
        });
        int max = limits.maxCached();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > max;
            }
        };
    }

    /** Whether {@code clientId} is spelled like the URL of a metadata document (rather than a registered id). */
    public static boolean isDocumentUrl(String clientId) {
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** The client whose metadata document is at {@code clientId}, from the cache or fetched now. */
    public Fetched fetch(String clientId) {
        Optional<String> wrong = checkUrl(clientId);
        if (wrong.isPresent()) {
            return new Fetched.Refused("The client id " + clientId + " " + wrong.get() + ".");
        }
        Instant now = clock.instant();
        synchronized (cache) {
            Cached cached = cache.get(clientId);
            if (cached != null && now.isBefore(cached.until())) {
                return new Fetched.Found(cached.client());
            }
            cache.remove(clientId);
        }
        Download download = download(clientId);
        if (download instanceof Download.Failed failed) {
            return new Fetched.Refused("The client's metadata document at " + clientId + " " + failed.reason() + ".");
        }
        Download.Body body = (Download.Body) download;
        Fetched checked = check(clientId, body.text());
        if (checked instanceof Fetched.Found found && !body.cacheFor().isZero()) {
            synchronized (cache) {
                cache.put(clientId, new Cached(found.client(), now.plus(body.cacheFor())));
            }
        }
        return checked;
    }

    /** Why a client id cannot be a document URL (CIMD: https, a path, no fragment, user info or dot segment). */
    private Optional<String> checkUrl(String clientId) {
        if (clientId.length() > 2000) {
            return Optional.of("is longer than 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(clientId);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(limits.allowHttp() && scheme.equals("http"))) {
            return Optional.of("must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must name a host and have no user info or fragment");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return Optional.of("must have a path, such as https://app.example.com/oauth/client.json");
        }
        if (("/" + path + "/").contains("/./") || ("/" + path + "/").contains("/../")) {
            return Optional.of("must not have . or .. segments");
        }
        return Optional.empty();
    }

    private sealed interface Download {
        record Body(String text, Duration cacheFor) implements Download {}

        record Failed(String reason) implements Download {}
    }

    private Download download(String url) {
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", "application/json");
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    late.set(true);
                    get.cancel();
                },
                limits.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return http.execute(get, this::read);
        } catch (IOException | RuntimeException e) {
            if (causedBy(e, PublicAddresses.NonPublicAddressException.class)) {
                return new Download.Failed("is on an address that is not public (loopback, private or reserved),"
                        + " which this server does not fetch");
            }
            if (late.get()) {
                return new Download.Failed(
                        "did not arrive within " + limits.timeout().toMillis() + " ms");
            }
            return new Download.Failed("could not be fetched (" + e.getClass().getSimpleName() + ")");
        } finally {
            deadline.cancel(false);
        }
    }

    private Download read(ClassicHttpResponse response) throws IOException {
        if (response.getCode() != 200) {
            return new Download.Failed("answered HTTP " + response.getCode() + ", not 200");
        }
        HttpEntity entity = response.getEntity();
        String type = entity == null || entity.getContentType() == null
                ? ""
                : entity.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.matches("application/[a-z0-9.+-]*\\+json.*")) {
            return new Download.Failed("is not JSON (Content-Type " + (type.isEmpty() ? "missing" : type) + ")");
        }
        if (entity.getContentLength() > limits.maxBytes()) {
            return new Download.Failed("is larger than " + limits.maxBytes() + " bytes");
        }
        byte[] bytes;
        try (InputStream in = entity.getContent()) {
            bytes = in.readNBytes(limits.maxBytes() + 1);
        }
        if (bytes.length > limits.maxBytes()) {
            return new Download.Failed("is larger than " + limits.maxBytes() + " bytes");
        }
        return new Download.Body(new String(bytes, StandardCharsets.UTF_8), cacheFor(response));
    }

    private Duration cacheFor(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Cache-Control");
        if (header == null) {
            return min(DEFAULT_CACHE_AGE, limits.maxCacheAge());
        }
        String value = header.getValue().toLowerCase(Locale.ROOT);
        if (value.contains("no-store") || value.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher age = MAX_AGE.matcher(value);
        return age.find()
                ? min(Duration.ofSeconds(Long.parseLong(age.group(1))), limits.maxCacheAge())
                : min(DEFAULT_CACHE_AGE, limits.maxCacheAge());
    }

    private Fetched check(String clientId, String text) {
        JSONObject json;
        ClientMetadata metadata;
        try {
            json = JSONObjectUtils.parse(text);
            metadata = ClientMetadata.parse(json);
        } catch (ParseException e) {
            return new Fetched.Refused("The client's metadata document at " + clientId
                    + " is not valid client metadata: " + e.getMessage());
        }
        Object named = json.get("client_id");
        if (!clientId.equals(named)) {
            return new Fetched.Refused("The client's metadata document at " + clientId
                    + " names another client_id; it must be exactly its own URL.");
        }
        ClientMetadataCheck.Outcome outcome = ClientMetadataCheck.check(metadata, redirects, true);
        if (outcome instanceof ClientMetadataCheck.Outcome.Failed failed) {
            return new Fetched.Refused("The client's metadata document at " + clientId + " is refused: "
                    + failed.error().getDescription());
        }
        ClientMetadataCheck.Accepted accepted = ((ClientMetadataCheck.Outcome.Passed) outcome).accepted();
        return new Fetched.Found(new OAuthClient(
                clientId, accepted.name(), accepted.redirectUris(), OAuthClient.Kind.METADATA_DOCUMENT));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
