package io.calcommcp.server.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link ReadmeCommandsIT} reads a guide's marked blocks and compares what they print. */
class MarkedBlockTest {

    private static final String GUIDE = String.join(
            "\n",
            "# A guide",
            "",
            "```sh",
            "echo not marked",
            "```",
            "",
            "<!-- ReadmeCommandsIT: run -->",
            "```sh",
            "# a comment, not output",
            "java -jar app.jar tools --json | jq length",
            "#   78",
            "```",
            "",
            "<!-- ReadmeCommandsIT: serve -->",
            "",
            "```sh",
            "java -jar app.jar serve --public-url https://mcp.example.com",
            "#   Scoped URLs: https://mcp.example.com/mcp/<token> (store: ...)",
            "```",
            "");

    @Test
    void onlyMarkedBlocksAreRead_withTheirKindLineAndShownOutput() {
        List<MarkedBlock> blocks = MarkedBlock.parse("guide.md", GUIDE);
        assertEquals(2, blocks.size());
        assertEquals(MarkedBlock.Kind.RUN, blocks.get(0).kind());
        assertEquals("guide.md:8", blocks.get(0).where());
        assertEquals(List.of("78"), blocks.get(0).expectedOutput());
        assertEquals(MarkedBlock.Kind.SERVE, blocks.get(1).kind());
        assertEquals("guide.md:16", blocks.get(1).where());
    }

    @Test
    void standInsReplaceThePlaceholdersInTheCommandAndItsOutput() {
        MarkedBlock serve = MarkedBlock.parse("guide.md", GUIDE)
                .get(1)
                .substituted(Map.of("https://mcp.example.com", "http://127.0.0.1:4711"));
        assertTrue(serve.text().contains("--public-url http://127.0.0.1:4711"), serve.text());
        assertEquals(List.of("Scoped URLs: http://127.0.0.1:4711/mcp/<token> (store: ...)"), serve.expectedOutput());
    }

    @Test
    void aMarkerWithoutABlockOrOfAnUnknownKindIsAnError() {
        IllegalArgumentException lonely = assertThrows(
                IllegalArgumentException.class,
                () -> MarkedBlock.parse("guide.md", "<!-- ReadmeCommandsIT: run -->\nSome prose.\n"));
        assertEquals("guide.md:1: the ReadmeCommandsIT marker is not followed by a code block", lonely.getMessage());
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> MarkedBlock.parse("guide.md", "<!-- ReadmeCommandsIT: skip -->\n```sh\nls\n```\n"));
        assertTrue(unknown.getMessage().contains("unknown ReadmeCommandsIT marker 'skip'"), unknown.getMessage());
    }

    @Test
    void shownOutputMatchesWholeLinesInOrder_withWildcards() {
        List<String> output = List.of(
                "Cal.com MCP server 0.1.0-SNAPSHOT: 78 tools, upstream http://127.0.0.1:4712",
                "{\"ts\":\"...\",\"event\":\"server_started\"}",
                "Scoped URLs: http://127.0.0.1:4711/mcp/<token> (store: jdbc:h2:file:/tmp/x/data/mcp-server)",
                "  http://127.0.0.1:4711/mcp/GVczUgGPHeiykXBzdJiOg-S4tluPjRvkfjsEAiEcrmg");
        assertEquals(
                Optional.empty(),
                ExpectedOutput.firstMissing(
                        List.of(
                                "Cal.com MCP server ...: 78 tools, upstream http://127.0.0.1:4712",
                                "Scoped URLs: http://127.0.0.1:4711/mcp/<token> (store: ...)",
                                "http://127.0.0.1:4711/mcp/<token>"),
                        output));
        assertEquals(
                Optional.of("Cal.com MCP server ...: 77 tools, ..."),
                ExpectedOutput.firstMissing(List.of("Cal.com MCP server ...: 77 tools, ..."), output),
                "a wrong count is missing");
        assertEquals(
                Optional.of("Cal.com MCP server ..."),
                ExpectedOutput.firstMissing(List.of("Scoped URLs: ...", "Cal.com MCP server ..."), output),
                "lines are shown in order");
        assertEquals(
                Optional.of("Scoped URLs:"),
                ExpectedOutput.firstMissing(List.of("Scoped URLs:"), output),
                "a line matches whole, not in part");
    }
}
