package io.calcommcp.server.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RecordedRequest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README and the guides in {@code docs/} work as shown: the code blocks they mark with
 * {@code <!-- ReadmeCommandsIT: run -->} or {@code <!-- ReadmeCommandsIT: serve -->} are run as a
 * reader would run them, against the built jar and a fake Cal.com, and must print what they show
 * (see {@link MarkedBlock} for the convention, {@link GuideSession} for what stands in for this
 * machine's ports, addresses and key). A renamed command or flag, a changed message or a wrong count
 * in a guide fails here.
 *
 * <p>For the README's scoped-URL walkthrough the test also acts as ChatGPT would: it lists the
 * minted URL's tools with the MCP Java SDK client, checks the count the README states and that none
 * of them writes, and calls a read tool, which must reach Cal.com with the account's key.
 */
class ReadmeCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = repository();
    private static final String ME = "{\"status\":\"success\",\"data\":{\"id\":7,\"email\":\"reader@example.com\"}}";

    @Test
    void theReadmeCommandsWorkAsShown_andItsReadOnlyUrlServesWhatItSays() throws Exception {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        List<MarkedBlock> blocks = MarkedBlock.parse("README.md", readme);
        String tested = blocks.stream().map(MarkedBlock::text).collect(Collectors.joining("\n"));
        for (String command : List.of(
                "--version",
                "--help",
                "tools --json",
                "serve --public-url",
                "accounts create",
                "mcp-servers create --account",
                "--methods read",
                "--expires-in 24h",
                "mcp-servers update")) {
            assertTrue(tested.contains(command), "README.md's marked blocks run " + command);
        }
        Matcher claim = Pattern.compile("ChatGPT lists (\\d+) tools").matcher(readme);
        assertTrue(claim.find(), "README.md says how many tools ChatGPT lists for the read-only URL");
        int claimed = Integer.parseInt(claim.group(1));

        try (FakeHttpServer calcom = new FakeHttpServer(request -> Reply.json(200, ME));
                GuideSession session = GuideSession.open("README.md", jar(), calcom.baseUrl())) {
            List<List<String>> outputs = session.follow(blocks);
            Pattern scopedUrl = Pattern.compile("http://127\\.0\\.0\\.1:" + session.httpPort() + "/mcp/[A-Za-z0-9_-]+");
            URI url = outputs.stream()
                    .flatMap(List::stream)
                    .map(scopedUrl::matcher)
                    .filter(Matcher::find)
                    .map(m -> URI.create(m.group()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the walkthrough printed no scoped URL: " + outputs));

            McpSyncClient chatgpt = McpClient.sync(
                            HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + session.httpPort())
                                    .endpoint(url.getPath())
                                    .build())
                    .requestTimeout(Duration.ofSeconds(30))
                    .build();
            try {
                chatgpt.initialize();
                List<McpSchema.Tool> tools = chatgpt.listTools().tools();
                assertEquals(claimed, tools.size(), "README.md says ChatGPT lists " + claimed + " tools");
                Map<String, String> access = catalogAccess();
                for (McpSchema.Tool tool : tools) {
                    assertEquals(Boolean.TRUE, tool.annotations().readOnlyHint(), tool.name() + " is read-only");
                    assertNotEquals("write", access.get(tool.name()), tool.name() + " does not write");
                }

                calcom.clear();
                McpSchema.CallToolResult me = chatgpt.callTool(
                        McpSchema.CallToolRequest.builder("get_calcom_me").build());
                assertFalse(me.isError(), () -> String.valueOf(me.content()));
                List<RecordedRequest> sent = calcom.requests();
                assertEquals(1, sent.size(), "one request to Cal.com: " + sent);
                assertEquals("/v2/me", sent.get(0).path());
                assertEquals("Bearer " + GuideSession.API_KEY, sent.get(0).header("authorization"));

                calcom.clear();
                assertThrows(
                        McpError.class,
                        () -> chatgpt.callTool(McpSchema.CallToolRequest.builder("create_a_calcom_team")
                                .arguments(Map.of("name", "Engineering Hiring Panel"))
                                .build()),
                        "a write tool is refused on the read-only URL");
                assertTrue(calcom.requests().isEmpty(), "nothing reached Cal.com for it: " + calcom.requests());
            } finally {
                chatgpt.closeGracefully();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGuideCommandWorksAsShown() throws IOException {
        List<Path> guides;
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("docs"))) {
            guides = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path guide : guides) {
            String name = "docs/" + guide.getFileName();
            List<MarkedBlock> blocks = MarkedBlock.parse(name, Files.readString(guide));
            if (!blocks.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    try (FakeHttpServer calcom = new FakeHttpServer(request -> Reply.json(200, ME));
                            GuideSession session = GuideSession.open(name, jar(), calcom.baseUrl())) {
                        session.follow(blocks);
                    }
                }));
            }
        }
        assertFalse(tests.isEmpty(), "the guides in docs/ mark the commands they show");
        return tests.stream();
    }

    @Test
    void everyOptionTheReadmeNamesIsOneTheServerTakes() throws Exception {
        Set<String> known = new TreeSet<>();
        List<List<String>> commands = new ArrayList<>(List.of(List.of()));
        for (int i = 0; i < commands.size(); i++) {
            List<String> command = commands.get(i);
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            String help = runJar(args);
            Matcher option = Pattern.compile("--(\\[no-])?([a-z][a-z0-9-]*)").matcher(help);
            while (option.find()) {
                known.add("--" + option.group(2));
                if (option.group(1) != null) {
                    known.add("--no-" + option.group(2));
                }
            }
            for (String sub : subcommands(help)) {
                List<String> next = new ArrayList<>(command);
                next.add(sub);
                commands.add(next);
            }
        }
        assertTrue(commands.size() > 10, "the help lists the commands: " + commands);

        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        Set<String> named = new TreeSet<>();
        Matcher option = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*").matcher(readme);
        while (option.find()) {
            named.add(option.group());
        }
        named.removeAll(known);
        assertTrue(named.isEmpty(), "README.md names options no command takes: " + named);
    }

    /** The commands listed under "Commands:" in a help text. */
    private static List<String> subcommands(String help) {
        List<String> names = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.lines().toList()) {
            if (line.strip().equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.isBlank()) {
                inCommands = false;
            } else if (inCommands) {
                Matcher name = Pattern.compile("^ {2}([a-z][a-z0-9-]*)\\s").matcher(line);
                if (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }

    /** Each tool's access ({@code read} or {@code write}) as {@code tools --json} prints it. */
    private static Map<String, String> catalogAccess() throws IOException, InterruptedException {
        Map<String, String> access = new HashMap<>();
        for (JsonNode tool : JSON.readTree(runJar(List.of("tools", "--json")))) {
            access.put(tool.get("name").asText(), tool.get("access").asText());
        }
        return access;
    }

    private static String runJar(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        assertEquals(0, process.exitValue(), () -> command + " printed:\n" + out);
        return out;
    }

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("calcom.server.jar", "target/calcom-mcp-server.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first (./mvnw package): " + jar);
        return jar;
    }

    /** The checkout: the nearest directory up from here that holds README.md and docs/. */
    private static Path repository() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        return fail("no README.md with docs/ beside it above " + Paths.get("").toAbsolutePath());
    }
}
