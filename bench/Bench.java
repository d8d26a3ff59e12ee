import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark behind bench/run.sh, a single-file program (java Bench.java) with no
 * dependencies: a fake Cal.com (JDK HttpServer, canned list-bookings JSON, no delay), the server
 * jar as a child process pointed at it, and a closed-loop load of N concurrent clients.
 *
 * <p>Both phases send the same upstream request, GET /v2/bookings?take=10&skip=0 with the same headers;
 * the MCP phase wraps it in a JSON-RPC tools/call POST. The difference is what the server adds:
 * JSON-RPC parsing, argument validation, request building, the upstream hop, result mapping.
 * Load generator, fake upstream and server share the machine's cores, so compare the ratios, not
 * the absolute numbers, across machines.
 */
public final class Bench {

    static final String BOOKINGS = buildBookings(10);

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(option(args, "--jar", "generated-server/target/calcom-mcp-server.jar"));
        int concurrency = Integer.parseInt(option(args, "--concurrency", "16"));
        Duration duration = Duration.ofSeconds(Long.parseLong(option(args, "--duration", "10")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(option(args, "--warmup", "5")));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No server jar at " + jar + "; build it with ./mvnw package");
        }

        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        fake.setExecutor(Executors.newFixedThreadPool(concurrency * 2));
        byte[] body = BOOKINGS.getBytes(StandardCharsets.UTF_8);
        fake.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
        URI upstream = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());

        long launch = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Extra JVM options for the server only, e.g. BENCH_SERVER_JAVA_OPTS="-Xmx256m" or a profiler.
        String serverOpts = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "").trim();
        if (!serverOpts.isEmpty()) {
            command.addAll(Arrays.asList(serverOpts.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0", "--upstream", upstream.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CALCOM_API_KEY", "cal_bench_not_a_real_key");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD); // one log line per call; not part of the measurement
        Process server = pb.start();
        int exitCode;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String mcpUrl = null;
            for (String line; mcpUrl == null && (line = out.readLine()) != null; ) {
                if (line.startsWith("MCP URL: ")) {
                    mcpUrl = line.substring(9).trim();
                }
            }
            if (mcpUrl == null) {
                throw new IllegalStateException("The server printed no URL; exit code " + server.waitFor());
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(concurrency)).build();
            HttpRequest toolsList = mcp(mcpUrl, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            while (true) {
                HttpResponse<String> r = http.send(toolsList, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("list_all_calcom_bookings")) {
                    break;
                }
                Thread.sleep(5);
            }
            double coldStartMs = (System.nanoTime() - launch) / 1e6;
            long serverRssAfterStart = rssKb(server.pid(), "VmRSS");

            HttpRequest direct = HttpRequest.newBuilder(URI.create(upstream + "/v2/bookings?take=10&skip=0"))
                    .header("Authorization", "Bearer cal_bench_not_a_real_key").header("Accept", "application/json")
                    .header("cal-api-version", "2024-08-13").GET().build();
            HttpRequest viaMcp = mcp(mcpUrl, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"list_all_calcom_bookings\",\"arguments\":{\"limit\":10}}}");
            HttpResponse<String> check = http.send(viaMcp, HttpResponse.BodyHandlers.ofString());
            if (check.statusCode() != 200 || check.body().contains("\"isError\":true")) {
                throw new IllegalStateException("tools/call failed: " + check.body());
            }

            System.err.printf(Locale.ROOT, "warming up %d s per phase ...%n", warmup.toSeconds());
            load(http, direct, concurrency, warmup);
            load(http, viaMcp, concurrency, warmup);
            System.err.printf(Locale.ROOT, "measuring %d s per phase at %d concurrent clients ...%n", duration.toSeconds(), concurrency);
            Result d = load(http, direct, concurrency, duration);
            Result m = load(http, viaMcp, concurrency, duration);
            long rss = rssKb(server.pid(), "VmRSS");
            long hwm = rssKb(server.pid(), "VmHWM");

            System.out.println("calcom-mcp benchmark: list_all_calcom_bookings vs direct GET /v2/bookings (zero-latency fake upstream)");
            System.out.printf(Locale.ROOT, "machine: %s, %d cores, %s %s%n", cpuModel(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "load: %d concurrent clients, closed loop, %d s per phase after %d s warm-up%n",
                    concurrency, duration.toSeconds(), warmup.toSeconds());
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s %12s %8s%n", "", "requests", "median ms", "p99 ms", "req/s", "errors");
            d.print("direct");
            m.print("via MCP");
            System.out.printf(Locale.ROOT, "added latency: median %+.3f ms, p99 %+.3f ms%n", m.median() - d.median(), m.p99() - d.p99());
            System.out.printf(Locale.ROOT, "throughput ratio (MCP / direct): %.3f%n", m.rps() / d.rps());
            System.out.printf(Locale.ROOT, "server RSS: %.1f MiB after start, %.1f MiB after load (peak %.1f MiB)%n",
                    serverRssAfterStart / 1024.0, rss / 1024.0, hwm / 1024.0);
            System.out.printf(Locale.ROOT, "cold start to first tools/list answer: %.0f ms%n", coldStartMs);
            exitCode = d.errors() + m.errors() == 0 ? 0 : 1;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            fake.stop(0);
        }
        System.exit(exitCode); // the HttpClient's and the fake's pools would keep the JVM alive
    }

    record Result(long[] latenciesNanos, double seconds, int errors) {
        double median() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double rps() {
            return latenciesNanos.length / seconds;
        }

        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }

        void print(String label) {
            System.out.printf(Locale.ROOT, "%-10s %10d %10.3f %10.3f %12.1f %8d%n", label, latenciesNanos.length, median(), p99(),
                    rps(), errors);
        }
    }

    static Result load(HttpClient http, HttpRequest request, int concurrency, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long elapsed = System.nanoTime() - t0;
                    if (r.statusCode() != 200 || r.body().contains("\"isError\":true")) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = elapsed;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            parts.add(worker.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all, seconds, (int) errors.get());
    }

    static HttpRequest mcp(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static long rssKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    // Ten bookings shaped like Cal.com's list answer (about 7 KB): realistic parsing and copying work.
    static String buildBookings(int count) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(1000 + i).append(",\"uid\":\"booking_uid_").append(i)
                    .append("\",\"title\":\"Sync with Acme Corp\",\"description\":\"Quarterly sync\",")
                    .append("\"hosts\":[{\"id\":1,\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"username\":\"jane\",")
                    .append("\"timeZone\":\"America/New_York\"}],\"status\":\"accepted\",\"start\":\"2026-10-15T14:00:00.000Z\",")
                    .append("\"end\":\"2026-10-15T14:30:00.000Z\",\"duration\":30,\"eventTypeId\":50,")
                    .append("\"eventType\":{\"id\":50,\"slug\":\"discovery-call\"},\"location\":\"https://cal.com/video/abc\",")
                    .append("\"absentHost\":false,\"createdAt\":\"2026-10-01T10:00:00.000Z\",\"updatedAt\":\"2026-10-01T10:00:00.000Z\",")
                    .append("\"metadata\":{},\"rating\":null,\"icsUid\":\"ics_").append(i).append("\",")
                    .append("\"attendees\":[{\"name\":\"Buyer\",\"email\":\"buyer@acme.example\",\"timeZone\":\"America/New_York\",")
                    .append("\"language\":\"en\",\"absent\":false}],\"guests\":[],\"bookingFieldsResponses\":{}}");
        }
        return sb.append("],\"pagination\":{\"totalItems\":").append(count)
                .append(",\"remainingItems\":0,\"returnedItems\":").append(count)
                .append(",\"itemsPerPage\":10,\"currentPage\":1,\"totalPages\":1,\"hasNextPage\":false,\"hasPreviousPage\":false}}")
                .toString();
    }
}
