import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tool surface costs a model: the tools of a real tools/list answer in both modes
 * (every tool, and discovery), in bytes and o200k tokens, against the full schemas as the
 * baseline. Run by bench/surface.sh.
 */
public class Surface {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Pattern URL = Pattern.compile("MCP URL: (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tool as it is listed: its name and its JSON. */
    record Tool(String name, String json) {}

    public static void main(String[] args) throws Exception {
        String jar = args.length > 1 && args[0].equals("--jar") ? args[1] : "generated-server/target/calcom-mcp-server.jar";
        Path work = Files.createTempDirectory("surface-bench");
        List<Tool> full = fullSchemas(jar);
        List<Tool> all = listed(jar, "all", work);
        List<Tool> discovery = listed(jar, "discovery", work);
        System.out.printf(Locale.ROOT, "%-46s %9s %9s %9s %9s%n", "tool", "full B", "full tok", "listed B", "listed tok");
        for (Tool tool : all) {
            Tool baseline = full.stream().filter(f -> f.name().equals(tool.name())).findFirst().orElse(null);
            System.out.printf(
                    Locale.ROOT,
                    "%-46s %9s %9s %9d %9d%n",
                    tool.name(),
                    baseline == null ? "-" : String.valueOf(bytes(baseline.json())),
                    baseline == null ? "-" : String.valueOf(tokens(baseline.json())),
                    bytes(tool.json()),
                    tokens(tool.json()));
        }
        System.out.println();
        report("full schemas (baseline)", full, full);
        report("tools/list, every tool", all, full);
        report("tools/list, discovery", discovery, full);
    }

    private static void report(String label, List<Tool> tools, List<Tool> baseline) {
        String json = array(tools);
        String base = array(baseline);
        System.out.printf(
                Locale.ROOT,
                "%-26s %3d tools %8d bytes (%.3fx) %7d tokens (%.3fx)%n",
                label,
                tools.size(),
                bytes(json),
                (double) bytes(json) / bytes(base),
                tokens(json),
                (double) tokens(json) / tokens(base));
    }

    private static String array(List<Tool> tools) {
        return "[" + String.join(",", tools.stream().map(Tool::json).toList()) + "]";
    }

    private static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int tokens(String json) {
        return O200K.countTokensOrdinary(json);
    }

    /** The tools as they would be listed with their full descriptions and schemas. */
    private static List<Tool> fullSchemas(String jar) throws Exception {
        Process process = new ProcessBuilder("java", "-jar", jar, "tools", "--json")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : JSON.readTree(out)) {
            ObjectNode listed = JSON.createObjectNode();
            for (String field : List.of("name", "title", "description", "inputSchema", "annotations")) {
                listed.set(field, tool.get(field));
            }
            tools.add(new Tool(tool.get("name").asText(), JSON.writeValueAsString(listed)));
        }
        return tools;
    }

    /** The tools of a real tools/list answer of a server started in this mode. */
    private static List<Tool> listed(String jar, String mode, Path work) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                "java", "-jar", jar, "serve", "--port", "0", "--tool-exposure", mode,
                "--data-dir", work.resolve(mode).toString());
        builder.environment().put("CALCOM_API_KEY", "cal_bench_surface_key");
        builder.redirectErrorStream(true);
        Process server = builder.start();
        try {
            String url = null;
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                    break;
                }
            }
            if (url == null) {
                throw new IOException("the server printed no MCP URL");
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                    .build();
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            List<Tool> tools = new ArrayList<>();
            for (JsonNode tool : JSON.readTree(body).at("/result/tools")) {
                tools.add(new Tool(tool.get("name").asText(), JSON.writeValueAsString(tool)));
            }
            return tools;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
