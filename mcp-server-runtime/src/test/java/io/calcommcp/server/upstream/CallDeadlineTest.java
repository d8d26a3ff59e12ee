package io.calcommcp.server.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.upstream.RawUpstream.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends one byte a little before each read would time out holds no call past its
 * deadline: not in the TLS handshake (the connect timeout bounds the whole connection), not in the
 * answer's head or body (the read timeout bounds the whole answer), and not many calls at once; nor
 * does a name server that does not answer.
 */
class CallDeadlineTest {

    private static final String KEY = "tempo_test_0123456789abcdef";
    private static final Duration CONNECT = Duration.ofMillis(300);
    private static final Duration READ = Duration.ofMillis(500);
    /** Far below what the drips would take, far above the deadline. */
    private static final long SLACK_MILLIS = 1_500;

    private UpstreamClient client = TestClients.direct(CONNECT, READ);

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void aDrippingPeerIsCutOffAtTheDeadline_inTheTlsHandshake() throws Exception {
        try (ServerSocket tls = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread dripper = new Thread(() -> dripHandshakes(tls), "dripping-tls");
            dripper.setDaemon(true);
            dripper.start();
            URI base = URI.create("https://127.0.0.1:" + tls.getLocalPort());

            long start = System.nanoTime();
            UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> get(base));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertTrue(millis < CONNECT.toMillis() + SLACK_MILLIS, "held for " + millis + " ms");
            assertEquals("Could not connect to the Test API within 300 ms.", e.getMessage());
            assertFalse(e.mayHaveArrived(), "no request was sent");
        }
    }

    @Test
    void aDrippingPeerIsCutOffAtTheDeadline_inTheAnswersHeadAndBody() throws Exception {
        try (RawUpstream upstream = new RawUpstream(request -> request.index() == 0
                ? drip("HTTP/1.1 200 OK\r\nX-Slow: ", "a")
                : drip("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "x"))) {
            for (int call = 0; call < 2; call++) {
                long start = System.nanoTime();
                UpstreamUnavailableException e =
                        assertThrows(UpstreamUnavailableException.class, () -> get(upstream.baseUrl()));
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertTrue(millis < READ.toMillis() + SLACK_MILLIS, "call " + call + " held for " + millis + " ms");
                assertEquals("The Test API did not answer within 500 ms.", e.getMessage());
                assertTrue(e.mayHaveArrived());
            }
        }
    }

    @Test
    void manyDrippingCallsAtOnceEachEndAtTheirDeadline() throws Exception {
        int calls = 16;
        try (RawUpstream upstream = new RawUpstream(request -> drip("HTTP/1.1 200 OK\r\nX-Slow: ", "a"))) {
            ExecutorService threads = Executors.newFixedThreadPool(calls);
            try {
                long start = System.nanoTime();
                List<Future<Exception>> results = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    results.add(threads.submit(() -> {
                        try {
                            get(upstream.baseUrl());
                            return null;
                        } catch (UpstreamUnavailableException e) {
                            return e;
                        }
                    }));
                }
                for (Future<Exception> result : results) {
                    assertTrue(result.get() instanceof UpstreamUnavailableException, String.valueOf(result.get()));
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < READ.toMillis() + 2 * SLACK_MILLIS, calls + " calls held for " + millis + " ms");
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aNameServerThatDoesNotAnswerHoldsNoCallPastItsConnectDeadline() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger lookups = new AtomicInteger();
        client.close();
        client = TestClients.direct(CONNECT, READ, host -> {
            lookups.incrementAndGet();
            try {
                // The system's resolver retrying a silent name server, far longer than any timeout.
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        URI base = URI.create("https://api.tempo.test");
        try {
            for (int call = 0; call < 3; call++) {
                long start = System.nanoTime();
                UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> get(base));
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertTrue(millis < CONNECT.toMillis() + SLACK_MILLIS, "call " + call + " held for " + millis + " ms");
                assertEquals("Could not connect to the Test API within 300 ms.", e.getMessage());
                assertFalse(e.mayHaveArrived(), "no request was sent");
            }
            assertEquals(1, lookups.get(), "calls to a name still being looked up wait for that lookup");
        } finally {
            released.countDown();
        }
    }

    @Test
    void aNameLookedUpAgainAfterItsLookupEnded() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        client.close();
        client = TestClients.direct(CONNECT, READ, host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        });
        URI base = URI.create("https://api.tempo.test");
        for (int call = 0; call < 2; call++) {
            UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> get(base));
            assertEquals("Could not connect to the Test API: its host name was not found.", e.getMessage());
        }
        assertEquals(2, lookups.get(), "a lookup's answer is not kept here (the JDK caches what it finds)");
    }

    /** Every 100 ms one more byte: each read gets something within its timeout, the answer never ends. */
    private static List<Part> drip(String start, String unit) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.text(start));
        for (int i = 0; i < 100; i++) {
            parts.add(Part.pause(100));
            parts.add(Part.text(unit));
        }
        return parts;
    }

    /** Accepts connections and answers each ClientHello with a TLS record that arrives one byte per 100 ms. */
    private static void dripHandshakes(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(
                        () -> {
                            try (socket;
                                    InputStream in = socket.getInputStream();
                                    OutputStream out = socket.getOutputStream()) {
                                in.read(new byte[4096]);
                                // A handshake record of 16 KiB: the client waits for all of it.
                                byte[] record = {0x16, 0x03, 0x03, 0x40, 0x00};
                                for (int i = 0; i < 100; i++) {
                                    out.write(i < record.length ? record[i] : 0);
                                    out.flush();
                                    Thread.sleep(100);
                                }
                            } catch (IOException e) {
                                // The client gave up, as it should.
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "dripping-tls-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private UpstreamResponse get(URI base) throws Exception {
        return client.send(
                new UpstreamRequest("GET", "/v1/bookings", Map.of(), Optional.empty()),
                new UpstreamTarget(base, "Authorization", "Bearer " + KEY, KEY, false));
    }
}
