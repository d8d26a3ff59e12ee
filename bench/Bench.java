import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark behind bench/run.sh, a single-file program ({@code java Bench.java}) with no
 * dependencies. In one run it measures the server against a baseline taken in the same run:
 *
 * <ul>
 *   <li>a fake Cal.com (JDK HttpServer, a ~10 KB list-bookings answer, no delay);
 *   <li>direct: GET /v2/bookings?take=10&skip=0 sent straight to the fake (the baseline);
 *   <li>ours: a JSON-RPC tools/call of list_all_calcom_bookings with {"limit":10} POSTed to the
 *       server's /mcp, which makes that same upstream request;
 *   <li>each at every concurrency of --concurrency (closed loop, warm-up, then a measurement window);
 *   <li>the server's cold start (launch to the first tools/list answer, median of fresh launches)
 *       and resident memory (idle, after load, and optionally over a soak);
 *   <li>with --baseline-launcher, all of that first for a previous version of the server, each
 *       version's ratios against the direct phases measured beside its own, and the two versions
 *       side by side.
 * </ul>
 *
 * <p>The difference between the two phases is what the server adds: HTTP and JSON-RPC handling,
 * argument validation, request building, the upstream hop and result mapping. bench/run.sh pins
 * the server to one CPU and this program (load generator and fake upstream) to another, so the
 * server's work does not compete with the load it is measured under; unpinned numbers mix both.
 */
public final class Bench {

    static final String API_KEY = "cal_bench_not_a_real_key";
    static final String BOOKINGS_PATH = "/v2/bookings";
    static final String BOOKINGS_QUERY = "take=10&skip=0";
    static final String TOOL = "list_all_calcom_bookings";
    static final Duration IDLE_PAUSE = Duration.ofSeconds(2);
    static final Duration SOAK_SAMPLE_EVERY = Duration.ofSeconds(10);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final double MIB = 1024.0; // RSS is read in KiB

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(WakeUp.ECHO)) {
            WakeUp.echo();
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + " (see bench/run.sh --help)");
            System.exit(2);
            return;
        }
        // Without it the JDK HttpServer waits ~40 ms per answer (Nagle + delayed ACK), which would
        // dominate both phases; it must be set before the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int exitCode;
        try {
            exitCode = new Bench(options).run();
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode); // the clients' and the fake's threads would keep the JVM alive
    }

    private final Options options;
    private final FakeUpstream fake;
    private final Path work;

    private Bench(Options options) throws IOException {
        this.options = options;
        this.fake = FakeUpstream.start();
        this.work = Files.createTempDirectory("calcom-mcp-bench-");
    }

    private int run() throws Exception {
        try {
            int low = options.concurrency().get(0);
            int high = options.concurrency().get(options.concurrency().size() - 1);
            Target direct = Target.direct(fake.port());

            // Warm this JVM's own client code first, so its JIT does not count against the
            // server's cold start.
            progress("warming up the load generator ...");
            Load.run(direct, 1, Duration.ofSeconds(1), Duration.ZERO, null);

            WakeUp wakeUp = null;
            if (options.pinned() && options.loadCpu().isPresent()) {
                progress("timing one-byte round trips to the server's CPU and within this one ...");
                wakeUp = WakeUp.measure(options.serverCpu().getAsInt(), options.loadCpu().getAsInt());
            }

            // The previous version first, then this one, each with its own direct phases beside
            // its own: a ratio is taken against a baseline measured minutes, not runs, apart.
            Optional<Version> previous = Optional.empty();
            if (options.baselineLauncher().isPresent()) {
                previous = Optional.of(measure("previous", options.baselineLauncher(), direct, false));
            }
            Version current = measure("this", options.launcher(), direct, true);

            Report report = new Report(options, fake, current, previous, low, high, wakeUp);
            report.print();
            return report.errors() == 0 ? 0 : 1;
        } finally {
            fake.stop();
            deleteTree(work);
        }
    }

    /**
     * One version's cold starts, resident memory and load phases (direct and ours at every
     * concurrency), and, if asked and {@code soak} is set, its soak.
     */
    private Version measure(String label, Optional<Path> launcher, Target direct, boolean soakIt) throws Exception {
        Server server = null;
        try {
            int high = options.concurrency().get(options.concurrency().size() - 1);
            List<Double> coldStarts = new ArrayList<>();
            for (int i = 1; i <= options.coldStarts(); i++) {
                if (server != null) {
                    server.stop();
                }
                server = Server.launch(options, launcher, fake.uri(), work.resolve(label + "-server-" + i));
                coldStarts.add(server.readyMillis());
                progress(String.format(Locale.ROOT, "%s: cold start %d/%d: %.0f ms", label, i, options.coldStarts(),
                        server.readyMillis()));
            }
            Thread.sleep(IDLE_PAUSE.toMillis());
            long rssIdle = server.rssKb();

            Target ours = Target.ours(server.port());
            String upstreamRequest = server.checkToolCall(ours, fake);

            List<Result> results = new ArrayList<>();
            for (int clients : options.concurrency()) {
                for (Target target : List.of(direct, ours)) {
                    progress(String.format(Locale.ROOT, "%s: %s, C=%d: %d s warm-up, %d s measurement ...", label, target.label(),
                            clients, options.warmup().toSeconds(), options.duration().toSeconds()));
                    results.add(Load.run(target, clients, options.warmup(), options.duration(), null, fake, options.timeline()));
                }
            }
            long rssAfterLoad = server.rssKb();

            Soak soak = null;
            if (soakIt && !options.soak().isZero()) {
                progress(String.format(Locale.ROOT, "%s: soak: %s, C=%d, %d s after %d s warm-up, RSS every %d s ...", label,
                        ours.label(), high, options.soak().toSeconds(), options.warmup().toSeconds(), SOAK_SAMPLE_EVERY.toSeconds()));
                soak = Soak.run(server, ours, high, options.warmup(), options.soak(), fake);
            }
            long rssPeak = server.statusKb("VmHWM");
            return new Version(label, server.describe(), upstreamRequest, results, coldStarts, rssIdle, rssAfterLoad, rssPeak,
                    soak);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    /** What was measured of one version of the server. */
    record Version(String label, ServerInfo server, String upstreamRequest, List<Result> results, List<Double> coldStarts,
            long rssIdleKb, long rssAfterLoadKb, long rssPeakKb, Soak soak) {

        long errors() {
            return results.stream().mapToLong(Result::errors).sum() + (soak == null ? 0 : soak.result().errors());
        }

        Result find(String phase, int clients) {
            return results.stream().filter(r -> r.label().equals(phase) && r.clients() == clients).findFirst().orElseThrow();
        }

        /** Ours over direct in calls per second at {@code clients}. */
        double ratio(int clients) {
            return find("ours", clients).callsPerSecond() / find("direct", clients).callsPerSecond();
        }

        double addedP50(int clients) {
            return find("ours", clients).p50() - find("direct", clients).p50();
        }

        double coldStart() {
            return median(coldStarts);
        }
    }

    static void progress(String message) {
        System.err.println(message);
    }

    // ---------------------------------------------------------------------------------------------
    // Options

    record Options(Path jar, Optional<Path> launcher, Optional<Path> baselineLauncher, Duration duration, Duration warmup, List<Integer> concurrency,
            int coldStarts, Duration soak, Optional<Path> serverLog, OptionalInt serverCpu, OptionalInt loadCpu,
            String unpinnedReason, int machineCpus, List<String> serverJavaOpts, boolean timeline) {

        static Options parse(String[] args) {
            Path jar = Path.of("generated-server/target/calcom-mcp-server.jar");
            Optional<Path> launcher = Optional.empty();
            Optional<Path> baselineLauncher = Optional.empty();
            Duration duration = Duration.ofSeconds(20);
            Duration warmup = Duration.ofSeconds(2);
            String concurrency = "1,16";
            int coldStarts = 3;
            Duration soak = Duration.ZERO;
            Optional<Path> serverLog = Optional.empty();
            OptionalInt serverCpu = OptionalInt.empty();
            OptionalInt loadCpu = OptionalInt.empty();
            String unpinned = "not requested (run through bench/run.sh to pin)";
            int cpus = Runtime.getRuntime().availableProcessors();
            boolean timeline = false;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--no-pin")) {
                    continue; // bench/run.sh acts on it and passes --unpinned
                }
                if (name.equals("--timeline")) {
                    timeline = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--jar" -> jar = Path.of(value);
                    case "--launcher" -> launcher = Optional.of(Path.of(value).toAbsolutePath());
                    case "--baseline-launcher" -> baselineLauncher = Optional.of(Path.of(value).toAbsolutePath());
                    case "--duration" -> duration = Duration.ofSeconds(positive(name, value));
                    case "--warmup" -> warmup = Duration.ofSeconds(nonNegative(name, value));
                    case "--concurrency" -> concurrency = value;
                    case "--cold-starts" -> coldStarts = (int) positive(name, value);
                    case "--soak" -> soak = Duration.ofSeconds(nonNegative(name, value));
                    case "--server-log" -> serverLog = Optional.of(Path.of(value).toAbsolutePath());
                    case "--server-cpu" -> serverCpu = OptionalInt.of((int) nonNegative(name, value));
                    case "--load-cpu" -> loadCpu = OptionalInt.of((int) nonNegative(name, value));
                    case "--unpinned" -> unpinned = value;
                    case "--cpus" -> cpus = (int) positive(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            TreeSet<Integer> levels = new TreeSet<>();
            for (String level : concurrency.split(",")) {
                levels.add((int) positive("--concurrency", level.trim()));
            }
            if (launcher.isEmpty() && !Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no server jar at " + jar + "; build it with ./mvnw package");
            }
            for (Optional<Path> given : List.of(launcher, baselineLauncher)) {
                if (given.isPresent() && !Files.isExecutable(given.get())) {
                    throw new IllegalArgumentException("the launcher " + given.get() + " is not an executable file");
                }
            }
            // Extra JVM options for the server only, e.g. BENCH_SERVER_JAVA_OPTS="-Xmx256m" or a profiler.
            String opts = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "").trim();
            List<String> javaOpts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
            return new Options(jar, launcher, baselineLauncher, duration, warmup, List.copyOf(levels), coldStarts, soak, serverLog, serverCpu,
                    loadCpu, unpinned, cpus, javaOpts, timeline);
        }

        boolean pinned() {
            return serverCpu.isPresent();
        }

        private static long positive(String name, String value) {
            long n = nonNegative(name, value);
            if (n == 0) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return n;
        }

        private static long nonNegative(String name, String value) {
            try {
                long n = Long.parseLong(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " takes a whole number, not " + value);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fake Cal.com

    /** A zero-latency Cal.com stand-in that answers GET /v2/bookings with a fixed ~10 KB page. */
    static final class FakeUpstream {
        private final HttpServer http;
        private final byte[] bookings = buildBookings(10).getBytes(StandardCharsets.UTF_8);
        private final byte[] notFound = "{\"status\":\"error\",\"error\":{\"code\":\"NotFoundException\"}}"
                .getBytes(StandardCharsets.UTF_8);
        private final LongAdder requests = new LongAdder();
        private final AtomicReference<String> lastRequest = new AtomicReference<>("none");

        private FakeUpstream(HttpServer http) {
            this.http = http;
        }

        static FakeUpstream start() throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            FakeUpstream fake = new FakeUpstream(http);
            http.createContext("/", fake::handle);
            // No executor: answers are written on the dispatcher thread. The handler never blocks
            // (an answer fits the socket buffer), and on one pinned CPU a hand-off to a pool thread
            // would only add a context switch to every request of both phases.
            http.setExecutor(null);
            http.start();
            return fake;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                exchange.getRequestBody().readAllBytes();
                requests.increment();
                URI uri = exchange.getRequestURI();
                lastRequest.lazySet(exchange.getRequestMethod() + " " + uri);
                boolean list = exchange.getRequestMethod().equals("GET") && BOOKINGS_PATH.equals(uri.getPath());
                byte[] body = list ? bookings : notFound;
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(list ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                exchange.close();
            }
        }

        int port() {
            return http.getAddress().getPort();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port());
        }

        long requests() {
            return requests.sum();
        }

        String lastRequest() {
            return lastRequest.get();
        }

        int bodyBytes() {
            return bookings.length;
        }

        void stop() {
            http.stop(0);
        }

        // Bookings shaped like Cal.com's 2024-08-13 list answer, about 1 KB each (10 KB a page): realistic parsing
        // and copying work for the server.
        static String buildBookings(int count) {
            StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":[");
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String day = String.format(Locale.ROOT, "2026-10-%02d", 5 + i);
                sb.append("{\"id\":").append(1000 + i).append(",\"uid\":\"booking_uid_").append(i)
                        .append("\",\"title\":\"Discovery call with Buyer ").append(i).append("\",")
                        .append("\"description\":\"Quarterly sync about the renewal\",")
                        .append("\"hosts\":[{\"id\":1,\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"username\":\"jane\",")
                        .append("\"timeZone\":\"America/New_York\"}],\"status\":\"accepted\",")
                        .append("\"cancellationReason\":null,\"cancelledByEmail\":null,\"reschedulingReason\":null,")
                        .append("\"rescheduledByEmail\":null,\"rescheduledFromUid\":null,")
                        .append("\"start\":\"").append(day).append("T14:00:00.000Z\",\"end\":\"").append(day)
                        .append("T14:30:00.000Z\",\"duration\":30,\"eventTypeId\":50,")
                        .append("\"eventType\":{\"id\":50,\"slug\":\"discovery-call\"},")
                        .append("\"location\":\"https://app.cal.com/video/bk").append(i).append("x7Qp2\",")
                        .append("\"absentHost\":false,\"createdAt\":\"2026-10-01T10:00:00.000Z\",")
                        .append("\"updatedAt\":\"2026-10-01T10:05:00.000Z\",\"metadata\":{\"source\":\"website\"},")
                        .append("\"rating\":null,\"icsUid\":\"ics_").append(i).append("@cal.com\",")
                        .append("\"attendees\":[{\"name\":\"Buyer ").append(i).append("\",\"email\":\"buyer").append(i)
                        .append("@acme.example\",\"displayEmail\":\"buyer").append(i).append("@acme.example\",")
                        .append("\"timeZone\":\"Europe/Berlin\",\"phoneNumber\":null,\"language\":\"en\",\"absent\":false}],")
                        .append("\"guests\":[],")
                        .append("\"bookingFieldsResponses\":{\"name\":\"Buyer ").append(i).append("\",\"email\":\"buyer")
                        .append(i).append("@acme.example\",\"notes\":\"Please bring the pricing sheet.\"}}");
            }
            return sb.append("],\"pagination\":{\"totalItems\":").append(count)
                    .append(",\"remainingItems\":0,\"returnedItems\":").append(count)
                    .append(",\"itemsPerPage\":10,\"currentPage\":1,\"totalPages\":1,\"hasNextPage\":false,\"hasPreviousPage\":false}}")
                    .toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What is sent

    /**
     * One prebuilt HTTP/1.1 request and how to judge its answer.
     *
     * @param failure bytes whose presence in a 200 answer still means failure, or null
     */
    record Target(String label, int port, byte[] request, byte[] failure) {

        static Target direct(int port) {
            // The headers the server sends upstream for this tool (see UpstreamClient and the
            // tool's cal-api-version), so the two phases differ only by what the server does.
            String request = "GET " + BOOKINGS_PATH + "?" + BOOKINGS_QUERY + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Accept: application/json\r\n"
                    + "User-Agent: calcom-mcp-bench\r\n"
                    + "cal-api-version: 2024-08-13\r\n"
                    + "Authorization: Bearer " + API_KEY + "\r\n"
                    + "\r\n";
            return new Target("direct", port, request.getBytes(StandardCharsets.US_ASCII), null);
        }

        static Target ours(int port) {
            return new Target("ours", port, mcpPost(port, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"" + TOOL + "\",\"arguments\":{\"limit\":10}}}"),
                    "\"isError\":true".getBytes(StandardCharsets.US_ASCII));
        }

        static Target toolsList(int port) {
            return new Target("tools/list", port, mcpPost(port, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"), null);
        }

        private static byte[] mcpPost(int port, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n" // the server's DNS-rebinding check wants a loopback Host
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "\r\n";
            byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head8, head8.length + body.length);
            System.arraycopy(body, 0, all, head8.length, body.length);
            return all;
        }

        boolean succeeded(HttpConnection connection) {
            return connection.status() == 200 && (failure == null || connection.indexOf(failure) < 0);
        }
    }

    /**
     * A minimal blocking HTTP/1.1 keep-alive client, one connection per simulated client. The JDK
     * HttpClient costs several times more CPU per request, and that cost lands on the load CPU in
     * both phases, flattening the difference the benchmark is meant to show.
     */
    static final class HttpConnection implements Closeable {
        private static final int TIMEOUT_MS = 30_000;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private byte[] buffer = new byte[32 * 1024];
        private int position;
        private int limit;
        private byte[] body = new byte[32 * 1024];
        private int bodyLength;
        private int status;
        private boolean closeAfter;

        HttpConnection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Sends the request, reads the whole answer and returns its status code. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            int headerEnd = find(new byte[] {'\r', '\n', '\r', '\n'});
            String head = new String(buffer, position, headerEnd - position, StandardCharsets.ISO_8859_1);
            position = headerEnd + 4;
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: " + lines[0]);
            }
            status = Integer.parseInt(statusLine[1]);
            long contentLength = -1;
            boolean chunked = false;
            closeAfter = statusLine[0].equals("HTTP/1.0");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> closeAfter = value.contains("close");
                    default -> { }
                }
            }
            bodyLength = 0;
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) > 0; ) {
                    readBody((int) size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (contentLength >= 0) {
                readBody((int) contentLength);
            } else {
                closeAfter = true;
                try {
                    while (true) {
                        readBody(1);
                    }
                } catch (EOFException end) {
                    // the answer ends with the connection
                }
            }
            return status;
        }

        int status() {
            return status;
        }

        /** Whether the server asked to close the connection after this answer. */
        boolean closing() {
            return closeAfter;
        }

        String body() {
            return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        }

        int indexOf(byte[] needle) {
            outer:
            for (int i = 0; i <= bodyLength - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (body[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private void readBody(int n) throws IOException {
            if (bodyLength + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
            }
            while (n > 0) {
                if (position == limit) {
                    fill();
                }
                int chunk = Math.min(n, limit - position);
                System.arraycopy(buffer, position, body, bodyLength, chunk);
                position += chunk;
                bodyLength += chunk;
                n -= chunk;
            }
        }

        private String line() throws IOException {
            int end = find(new byte[] {'\r', '\n'});
            String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
            position = end + 2;
            return line;
        }

        /** The index of the next occurrence of the marker in the buffer, reading more as needed. */
        private int find(byte[] marker) throws IOException {
            while (true) {
                for (int i = position; i <= limit - marker.length; i++) {
                    if (buffer[i] == marker[0] && Arrays.equals(buffer, i, i + marker.length, marker, 0, marker.length)) {
                        return i;
                    }
                }
                fill();
            }
        }

        private void fill() throws IOException {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            limit += n;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Load

    /** Latencies at 100 ns resolution below 10 ms and 10 us up to 1 s: fixed memory for any window. */
    static final class Histogram {
        private static final long FINE_NS = 100;
        private static final long FINE_LIMIT = 10_000_000;
        private static final long COARSE_NS = 10_000;
        private static final long COARSE_LIMIT = 1_000_000_000;
        private static final int FINE = (int) (FINE_LIMIT / FINE_NS);
        private static final int COARSE = (int) ((COARSE_LIMIT - FINE_LIMIT) / COARSE_NS);
        private final int[] counts = new int[FINE + COARSE + 1];
        private long count;
        private long max;

        void record(long nanos) {
            int index = nanos < FINE_LIMIT ? (int) (nanos / FINE_NS)
                    : nanos < COARSE_LIMIT ? FINE + (int) ((nanos - FINE_LIMIT) / COARSE_NS)
                    : FINE + COARSE;
            counts[index]++;
            count++;
            max = Math.max(max, nanos);
        }

        void add(Histogram other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            count += other.count;
            max = Math.max(max, other.max);
        }

        long count() {
            return count;
        }

        double maxMs() {
            return max / 1e6;
        }

        double percentileMs(double p) {
            if (count == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(p * count));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    long mid = i < FINE ? i * FINE_NS + FINE_NS / 2
                            : i < FINE + COARSE ? FINE_LIMIT + (i - FINE) * COARSE_NS + COARSE_NS / 2
                            : max;
                    return Math.min(mid, max) / 1e6;
                }
            }
            return max / 1e6;
        }
    }

    record Result(String label, int clients, Histogram latencies, double seconds, long errors, String firstError,
            long upstreamRequests) {

        double callsPerSecond() {
            return latencies.count() / seconds;
        }

        double p50() {
            return latencies.percentileMs(0.50);
        }

        double p99() {
            return latencies.percentileMs(0.99);
        }

        double upstreamPerCall() {
            return (double) upstreamRequests / Math.max(1, latencies.count() + errors);
        }
    }

    /** Called by the load's coordinating thread at fixed points of the measurement window. */
    interface Sampler {
        void sample(double secondsIntoWindow, long callsSoFar) throws IOException;
    }

    /**
     * Closed-loop load: each client sends its next request as soon as the previous answer is read.
     * Requests started during the warm-up are not counted; the clients keep their connections from
     * the warm-up into the window.
     */
    static final class Load {

        static Result run(Target target, int clients, Duration warmup, Duration window, Sampler sampler) throws Exception {
            return run(target, clients, warmup, window, sampler, null, false);
        }

        static Result run(Target target, int clients, Duration warmup, Duration window, Sampler sampler, FakeUpstream fake,
                boolean timeline) throws Exception {
            long start = System.nanoTime();
            long windowStart = start + warmup.toNanos();
            long windowEnd = windowStart + window.toNanos();
            Histogram[] histograms = new Histogram[clients];
            LongAdder calls = new LongAdder();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Histogram histogram = histograms[i] = new Histogram();
                Thread thread = new Thread(() -> client(target, windowStart, windowEnd, histogram, calls, errors, firstError),
                        "bench-client-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            sleepUntil(windowStart);
            long upstreamBefore = fake == null ? 0 : fake.requests();
            if (timeline) {
                printTimeline(target, clients, windowStart, windowEnd, calls);
            }
            if (sampler != null) {
                long every = SOAK_SAMPLE_EVERY.toNanos();
                for (long at = windowStart; at < windowEnd; at += every) {
                    sleepUntil(at);
                    sampler.sample((at - windowStart) / 1e9, calls.sum());
                }
                sleepUntil(windowEnd);
                sampler.sample(window.toNanos() / 1e9, calls.sum());
            }
            sleepUntil(windowEnd);
            long upstreamAfter = fake == null ? 0 : fake.requests();
            for (Thread thread : threads) {
                thread.join();
            }
            Histogram all = new Histogram();
            for (Histogram histogram : histograms) {
                all.add(histogram);
            }
            return new Result(target.label(), clients, all, Math.max(1e-9, window.toNanos() / 1e9), errors.get(), firstError.get(),
                    upstreamAfter - upstreamBefore);
        }

        /** Prints, when the window is over, how many calls each of its seconds completed. */
        private static void printTimeline(Target target, int clients, long windowStart, long windowEnd, LongAdder calls) {
            Thread printer = new Thread(() -> {
                StringBuilder line = new StringBuilder("  " + target.label() + ", C=" + clients + ", calls per second:");
                long before = 0;
                for (long at = windowStart + 1_000_000_000L; at <= windowEnd; at += 1_000_000_000L) {
                    try {
                        sleepUntil(at);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = calls.sum();
                    line.append(' ').append(now - before);
                    before = now;
                }
                progress(line.toString());
            }, "bench-timeline");
            printer.setDaemon(true);
            printer.start();
        }

        private static void client(Target target, long windowStart, long windowEnd, Histogram histogram, LongAdder calls,
                AtomicLong errors, AtomicReference<String> firstError) {
            HttpConnection connection = null;
            try {
                for (long t0; (t0 = System.nanoTime()) < windowEnd; ) {
                    boolean ok;
                    String error = null;
                    try {
                        if (connection == null) {
                            connection = new HttpConnection(target.port());
                        }
                        connection.exchange(target.request());
                        ok = target.succeeded(connection);
                        if (!ok) {
                            error = "HTTP " + connection.status() + ": " + abbreviate(connection.body());
                        }
                        if (connection.closing()) {
                            connection.close();
                            connection = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        ok = false;
                        error = e.toString();
                        if (connection != null) {
                            connection.close();
                            connection = null;
                        }
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (t0 >= windowStart) {
                        if (ok) {
                            histogram.record(elapsed);
                            calls.increment();
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    }
                    if (!ok) {
                        pause(10); // a failing server must not turn the clients into a busy loop
                    }
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }

    record RssSample(double seconds, long rssKb, double callsPerSecond) { }

    record Soak(Result result, List<RssSample> samples) {

        static Soak run(Server server, Target target, int clients, Duration warmup, Duration length, FakeUpstream fake)
                throws Exception {
            List<RssSample> samples = new ArrayList<>();
            long[] previous = {0};
            double[] previousAt = {0};
            Result result = Load.run(target, clients, warmup, length, (at, calls) -> {
                double rate = at > previousAt[0] ? (calls - previous[0]) / (at - previousAt[0]) : Double.NaN;
                previous[0] = calls;
                previousAt[0] = at;
                long rss = server.rssKb();
                samples.add(new RssSample(at, rss, rate));
                progress(String.format(Locale.ROOT, "  soak %4.0f s: RSS %.1f MiB", at, rss / MIB));
            }, fake, false);
            return new Soak(result, samples);
        }

        double growthMib() {
            return (samples.get(samples.size() - 1).rssKb() - samples.get(0).rssKb()) / MIB;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The server under test

    static final class Server {
        private static final Pattern URL = Pattern.compile("MCP URL: http://[^:/]+:(\\d+)/mcp\\s*$");
        private final Process process;
        private final Path dataDir;
        private final List<String> command;
        private int port;
        private double readyMillis;
        private ProcessHandle measured;
        private String measuredHow;

        private Server(Process process, Path dataDir, List<String> command) {
            this.process = process;
            this.dataDir = dataDir;
            this.command = command;
        }

        /** Starts a server the way users do and waits for its first tools/list answer. */
        static Server launch(Options options, Optional<Path> launcher, URI upstream, Path dataDir) throws Exception {
            Files.createDirectories(dataDir);
            List<String> command = new ArrayList<>();
            options.serverCpu().ifPresent(cpu -> command.addAll(List.of("taskset", "-c", Integer.toString(cpu))));
            if (launcher.isPresent()) {
                command.add(launcher.get().toString());
            } else {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(options.serverJavaOpts());
                command.addAll(List.of("-jar", options.jar().toString()));
            }
            command.addAll(List.of("serve", "--port", "0", "--upstream", upstream.toString(), "--data-dir", dataDir.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("CALCOM_API_KEY", API_KEY);
            // One log line per call on stderr: writing it somewhere would be part of the measurement.
            builder.redirectError(options.serverLog().map(file -> ProcessBuilder.Redirect.appendTo(file.toFile()))
                    .orElse(ProcessBuilder.Redirect.DISCARD));

            long launched = System.nanoTime();
            Server server = new Server(builder.start(), dataDir, command);
            try {
                server.awaitReady(launched, options);
                server.findMeasuredProcess();
                return server;
            } catch (Exception e) {
                server.stop();
                throw e;
            }
        }

        private void awaitReady(long launched, Options options) throws Exception {
            // A server that hangs before printing its URL must not hang the benchmark.
            Thread watchdog = new Thread(() -> {
                if (!pause(READY_TIMEOUT.toMillis())) {
                    return;
                }
                process.destroyForcibly();
            }, "bench-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();

            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; port == 0 && (line = out.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            if (port == 0) {
                String hint = options.serverLog().isPresent() ? "see " + options.serverLog().get() : "rerun with --server-log FILE";
                throw new IllegalStateException("the server printed no MCP URL (exit code "
                        + (process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "none") + "); " + hint);
            }
            // Keep reading stdout so the server can never block on a full pipe.
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the server is gone
                }
            }, "bench-stdout");
            drain.setDaemon(true);
            drain.start();

            Target toolsList = Target.toolsList(port);
            byte[] marker = ("\"" + TOOL + "\"").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                try (HttpConnection connection = new HttpConnection(port)) {
                    if (connection.exchange(toolsList.request()) == 200 && connection.indexOf(marker) >= 0) {
                        break;
                    }
                } catch (IOException e) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the server exited with code " + process.exitValue());
                    }
                }
                pause(5);
            }
            readyMillis = (System.nanoTime() - launched) / 1e6;
            watchdog.interrupt();
        }

        /**
         * Finds the process whose memory is the server's. The launcher may be a script that execs
         * java, or one that starts it as a child, possibly through taskset: the process that holds
         * the listening socket is the server, whatever started it.
         */
        private void findMeasuredProcess() throws IOException {
            List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
            Set<String> sockets = listeningSocketInodes(port);
            for (ProcessHandle candidate : tree) {
                if (holdsAny(candidate.pid(), sockets)) {
                    measured = candidate;
                    measuredHow = "holds the listening socket";
                    return;
                }
            }
            // Without access to /proc/net or the fds: the deepest java process, else the launched one.
            for (int i = tree.size() - 1; i >= 0; i--) {
                if (tree.get(i).info().command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false)) {
                    measured = tree.get(i);
                    measuredHow = "a java process (socket owner not found)";
                    return;
                }
            }
            measured = process.toHandle();
            measuredHow = "the launched process (socket owner not found)";
        }

        private static Set<String> listeningSocketInodes(int port) {
            Set<String> inodes = new TreeSet<>();
            String hexPort = String.format(Locale.ROOT, ":%04X", port);
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    List<String> rows = Files.readAllLines(Path.of(table));
                    for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                        String[] f = row.trim().split("\\s+");
                        // local_address ends with the port; state 0A is LISTEN; the 10th field is the inode.
                        if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                } catch (IOException e) {
                    // no such table on this system
                }
            }
            return inodes;
        }

        private static boolean holdsAny(long pid, Set<String> sockets) {
            if (sockets.isEmpty()) {
                return false;
            }
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        return sockets.contains(Files.readSymbolicLink(fd).toString());
                    } catch (IOException e) {
                        return false;
                    }
                });
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * Makes one tools/call and checks that it succeeded and made the same upstream request as
         * the direct phase; returns that upstream request.
         */
        String checkToolCall(Target ours, FakeUpstream fake) throws IOException {
            try (HttpConnection connection = new HttpConnection(port)) {
                connection.exchange(ours.request());
                if (!ours.succeeded(connection) || connection.indexOf("booking_uid_9".getBytes(StandardCharsets.US_ASCII)) < 0) {
                    throw new IllegalStateException("tools/call failed: HTTP " + connection.status() + " " + abbreviate(connection.body()));
                }
            }
            String upstream = fake.lastRequest();
            if (!upstream.equals("GET " + BOOKINGS_PATH + "?" + BOOKINGS_QUERY)) {
                progress("warning: the server's upstream request was " + upstream + ", not the direct phase's");
            }
            return upstream;
        }

        int port() {
            return port;
        }

        double readyMillis() {
            return readyMillis;
        }

        long rssKb() throws IOException {
            return statusKb("VmRSS");
        }

        long statusKb(String field) throws IOException {
            String value = status(measured.pid(), field);
            return value == null ? -1 : Long.parseLong(value.replaceAll("\\D", ""));
        }

        /** What the report says about the server: command, process, CPUs, JVM. */
        ServerInfo describe() {
            long pid = measured.pid();
            String exe = measured.info().command().orElse("unknown");
            String cpus = Optional.ofNullable(status(pid, "Cpus_allowed_list")).orElse("unknown");
            String cmdline;
            try {
                cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ').trim();
            } catch (IOException e) {
                cmdline = String.join(" ", command);
            }
            String version = "unknown (" + exe + ")";
            String flags = "";
            if (Path.of(exe).getFileName().toString().equals("java")) {
                version = run(List.of(exe, "-version")).lines().map(String::trim).filter(l -> !l.isEmpty())
                        .collect(Collectors.joining("; "));
                // Ergonomics depend on the CPUs the server sees; ask the running JVM what it chose.
                Path jcmd = Path.of(exe).resolveSibling("jcmd");
                if (Files.isExecutable(jcmd)) {
                    String all = run(List.of(jcmd.toString(), Long.toString(pid), "VM.flags"));
                    Matcher gc = Pattern.compile("-XX:\\+Use(\\w+GC)\\b").matcher(all);
                    Matcher heap = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(all);
                    List<String> parts = new ArrayList<>();
                    if (gc.find()) {
                        parts.add(gc.group(1));
                    }
                    if (heap.find()) {
                        parts.add(String.format(Locale.ROOT, "max heap %.0f MiB", Long.parseLong(heap.group(1)) / MIB / MIB));
                    }
                    flags = String.join(", ", parts);
                }
            }
            return new ServerInfo(String.join(" ", command), cmdline, pid, measuredHow, cpus, version, flags);
        }

        /** Stops the launched process and anything it started (a launcher script may not exec). */
        void stop() {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : tree) {
                try {
                    handle.onExit().get(15, TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
            deleteTree(dataDir);
        }
    }

    record ServerInfo(String command, String cmdline, long pid, String foundBy, String cpus, String javaVersion,
            String jvmFlags) { }

    // ---------------------------------------------------------------------------------------------
    // Wake-up

    /**
     * What it costs to wake a thread on another CPU and be woken back, which a tool call pays and a
     * direct call does not: this JVM sends a byte through a pipe to a child pinned to a CPU, which
     * sends it back, and times the round trip; once to the server's CPU, once to the load
     * generator's own. On a virtual machine an idle CPU can take far longer to wake than a busy one.
     */
    record WakeUp(double acrossP50, double acrossP90, double withinP50, double withinP90) {
        static final String ECHO = "--echo-bytes";
        static final int WARM_UP = 2_000;
        static final int ROUND_TRIPS = 20_000;

        static WakeUp measure(int serverCpu, int loadCpu) throws IOException, InterruptedException {
            double[] across = roundTrips(serverCpu);
            double[] within = roundTrips(loadCpu);
            return new WakeUp(percentile(across, 0.50), percentile(across, 0.90), percentile(within, 0.50),
                    percentile(within, 0.90));
        }

        /** Round-trip times in microseconds, sorted, to a child on {@code cpu}. */
        private static double[] roundTrips(int cpu) throws IOException, InterruptedException {
            Path self = Path.of("bench", "Bench.java");
            if (!Files.isRegularFile(self)) {
                throw new IllegalStateException("bench/Bench.java not found: run the bench from the repository's root");
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder("taskset", "-c", Integer.toString(cpu), java, self.toString(), ECHO)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (OutputStream to = child.getOutputStream(); InputStream from = child.getInputStream()) {
                double[] micros = new double[ROUND_TRIPS];
                for (int i = -WARM_UP; i < ROUND_TRIPS; i++) {
                    long start = System.nanoTime();
                    to.write('x');
                    to.flush();
                    if (from.read() < 0) {
                        throw new IllegalStateException("the round-trip child on CPU " + cpu + " ended early");
                    }
                    if (i >= 0) {
                        micros[i] = (System.nanoTime() - start) / 1_000.0;
                    }
                }
                Arrays.sort(micros);
                return micros;
            } finally {
                child.waitFor(10, TimeUnit.SECONDS);
                child.destroyForcibly();
            }
        }

        private static double percentile(double[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
        }

        /** The child's side: every byte read from stdin goes straight back to stdout. */
        static void echo() throws IOException {
            InputStream in = new FileInputStream(FileDescriptor.in);
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Report

    record Report(Options options, FakeUpstream fake, Version current, Optional<Version> previous, int low, int high,
            WakeUp wakeUp) {

        long errors() {
            return current.errors() + previous.map(Version::errors).orElse(0L);
        }

        void print() {
            String self = Optional.ofNullable(status(ProcessHandle.current().pid(), "Cpus_allowed_list")).orElse("unknown");
            System.out.println("## calcom-mcp benchmark: tools/call " + TOOL + " vs the same GET " + BOOKINGS_PATH + " sent directly");
            System.out.println();
            System.out.printf(Locale.ROOT, "- machine: %s, nproc %d, %s %s %s%n", cpuModel(), options.machineCpus(),
                    System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
            if (options.pinned()) {
                System.out.printf(Locale.ROOT, "- pinning: server on CPU %d (taskset -c %d), load generator and fake upstream on CPU %d"
                        + " (allowed CPUs read back: server %s, load generator %s)%n", options.serverCpu().getAsInt(),
                        options.serverCpu().getAsInt(), options.loadCpu().orElse(-1), current.server().cpus(), self);
                if (options.loadCpu().isPresent() && !self.equals(Integer.toString(options.loadCpu().getAsInt()))) {
                    System.out.println("- warning: the load generator is not on its own CPU; run it through bench/run.sh");
                }
            } else {
                System.out.printf(Locale.ROOT, "- pinning: none, %s; server, load generator and fake upstream share CPUs %s%n",
                        options.unpinnedReason(), self);
            }
            for (Version v : versions()) {
                ServerInfo server = v.server();
                System.out.println("- " + v.label() + " version's JVM: " + server.javaVersion()
                        + (server.jvmFlags().isEmpty() ? "" : " (" + server.jvmFlags() + ")"));
                // The measured process's own command line only where it tells more than the launch
                // command (a launcher script, not just the taskset prefix).
                boolean same = server.command().replaceFirst("^taskset -c \\S+ ", "").equals(server.cmdline());
                System.out.println("- " + v.label() + " version: `" + server.command() + "`; measured process " + server.pid()
                        + " (" + server.foundBy() + ")" + (same ? "" : ": `" + server.cmdline() + "`"));
            }
            System.out.printf(Locale.ROOT, "- load generator: %s %s, closed loop, one keep-alive HTTP/1.1 connection per client;"
                    + " %d s window after %d s warm-up per phase%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    options.duration().toSeconds(), options.warmup().toSeconds());
            System.out.printf(Locale.ROOT, "- fake upstream: JDK HttpServer, zero delay, %d-byte answer (10 bookings); the tool call"
                    + " sent it `%s`%n", fake.bodyBytes(), current.upstreamRequest());
            System.out.println();

            System.out.println("| version | phase | C | calls | calls/s | p50 ms | p90 ms | p99 ms | max ms | upstream requests/call | errors |");
            System.out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            for (Version v : versions()) {
                List<Result> all = new ArrayList<>(v.results());
                if (v.soak() != null) {
                    Result soaked = v.soak().result();
                    all.add(new Result("ours (soak)", soaked.clients(), soaked.latencies(), soaked.seconds(), soaked.errors(),
                            soaked.firstError(), soaked.upstreamRequests()));
                }
                for (Result r : all) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.0f | %.3f | %.3f | %.3f | %.3f | %.2f | %d |%n", v.label(),
                            r.label(), r.clients(), r.latencies().count(), r.callsPerSecond(), r.p50(), r.latencies().percentileMs(0.90),
                            r.p99(), r.latencies().maxMs(), r.upstreamPerCall(), r.errors());
                }
                for (Result r : all) {
                    if (r.firstError() != null) {
                        System.out.println("- first error, " + v.label() + " " + r.label() + " C=" + r.clients() + ": " + r.firstError());
                    }
                }
            }
            System.out.println();

            if (previous.isPresent()) {
                Version before = previous.get();
                System.out.println("| | previous | this | this/previous |");
                System.out.println("|---|--:|--:|--:|");
                for (int clients : options.concurrency()) {
                    compare("ours/direct calls/s C=" + clients, before.ratio(clients), current.ratio(clients), "%.2f");
                }
                compare("added p50 C=" + low + " (ms)", before.addedP50(low), current.addedP50(low), "%+.3f");
                compare("p99 C=" + high + " (ms)", before.find("ours", high).p99(), current.find("ours", high).p99(), "%.3f");
                compare("cold start (ms)", before.coldStart(), current.coldStart(), "%.0f");
                compare("RSS idle (MiB)", before.rssIdleKb() / MIB, current.rssIdleKb() / MIB, "%.1f");
                compare("RSS after load (MiB)", before.rssAfterLoadKb() / MIB, current.rssAfterLoadKb() / MIB, "%.1f");
                System.out.println();
            }

            Result directLow = current.find("direct", low);
            Result oursLow = current.find("ours", low);
            Result directHigh = current.find("direct", high);
            Result oursHigh = current.find("ours", high);
            System.out.println("This version:");
            System.out.println();
            System.out.println("| | direct | ours | ours/direct |");
            System.out.println("|---|--:|--:|--:|");
            for (int clients : options.concurrency()) {
                Result d = current.find("direct", clients);
                Result o = current.find("ours", clients);
                row("calls/s C=" + clients, d.callsPerSecond(), o.callsPerSecond(), "%.0f");
            }
            row("p50 C=" + low + " (ms)", directLow.p50(), oursLow.p50(), "%.3f");
            row("p99 C=" + high + " (ms)", directHigh.p99(), oursHigh.p99(), "%.3f");
            System.out.printf(Locale.ROOT, "| added p50 C=%d (ms) | | %+.3f | |%n", low, oursLow.p50() - directLow.p50());
            System.out.printf(Locale.ROOT, "| cold start (ms) | | %.0f | |%n", current.coldStart());
            System.out.printf(Locale.ROOT, "| RSS idle (MiB) | | %.1f | |%n", current.rssIdleKb() / MIB);
            System.out.printf(Locale.ROOT, "| RSS after load (MiB) | | %.1f | |%n", current.rssAfterLoadKb() / MIB);
            Soak soak = current.soak();
            if (soak != null) {
                System.out.printf(Locale.ROOT, "| RSS growth over %d s soak (MiB) | | %+.1f | |%n", options.soak().toSeconds(), soak.growthMib());
            }
            System.out.println();
            for (Version v : versions()) {
                System.out.printf(Locale.ROOT, "- %s version: added p50 latency at C=%d: %+.3f ms; throughput at C=%d: %.2f of direct;"
                        + " cold start (launch to the first tools/list answer, median of %d fresh launch%s, each with a new"
                        + " --data-dir): %s ms; RSS (VmRSS of process %d) idle %d s after start %.1f MiB, after the last phase"
                        + " %.1f MiB, peak (VmHWM) %.1f MiB%n", v.label(), low, v.addedP50(low), high, v.ratio(high),
                        v.coldStarts().size(), v.coldStarts().size() == 1 ? "" : "es",
                        v.coldStarts().stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).collect(Collectors.joining(", ")),
                        v.server().pid(), IDLE_PAUSE.toSeconds(), v.rssIdleKb() / MIB, v.rssAfterLoadKb() / MIB, v.rssPeakKb() / MIB);
            }
            if (wakeUp != null) {
                System.out.printf(Locale.ROOT, "- one-byte round trip through pipes, p50 (p90): %.1f (%.1f) us between the load"
                        + " generator's CPU and the server's, %.1f (%.1f) us within the load generator's. A direct call stays on one"
                        + " CPU; a tool call at C=%d makes two round trips across (client to server, server to fake upstream),"
                        + " which are in its added latency%n", wakeUp.acrossP50(), wakeUp.acrossP90(), wakeUp.withinP50(),
                        wakeUp.withinP90(), low);
            }

            if (soak != null) {
                System.out.println();
                System.out.printf(Locale.ROOT, "Soak: ours at C=%d for %d s after %d s warm-up, RSS every %d s%n", soak.result().clients(),
                        options.soak().toSeconds(), options.warmup().toSeconds(), SOAK_SAMPLE_EVERY.toSeconds());
                System.out.println();
                System.out.println("| t (s) | RSS (MiB) | calls/s since previous sample |");
                System.out.println("|--:|--:|--:|");
                for (RssSample sample : soak.samples()) {
                    System.out.printf(Locale.ROOT, "| %.0f | %.1f | %s |%n", sample.seconds(), sample.rssKb() / MIB,
                            Double.isNaN(sample.callsPerSecond()) ? "" : String.format(Locale.ROOT, "%.0f", sample.callsPerSecond()));
                }
                System.out.println();
                System.out.printf(Locale.ROOT, "- RSS growth from the first to the last sample: %+.1f MiB%n", soak.growthMib());
            }
        }

        private List<Version> versions() {
            return previous.isPresent() ? List.of(previous.get(), current) : List.of(current);
        }

        private static void row(String name, double direct, double ours, String format) {
            System.out.printf(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |%n", name, direct, ours, ours / direct);
        }

        private static void compare(String name, double before, double now, String format) {
            System.out.printf(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |%n", name, before, now, now / before);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A field of /proc/PID/status, or null. */
    static String status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone
        }
        return null;
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** Runs a short command and returns its stdout and stderr, or the reason it failed. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "failed: " + e.getMessage();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Sleeps; false if interrupted. */
    static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    // best effort: it is a temp directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
