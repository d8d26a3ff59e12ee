package io.calcommcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The advertised schema summarizes an event type's booking fields, but the server still checks
 * every call against the full one: a bad nested field is refused, named by its path, and nothing
 * reaches Cal.com.
 */
class NestedValidationTest {

    private FakeHttpServer upstream;
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(201, "{\"status\":\"success\",\"data\":{}}"));
        server = new RunningServer(upstream.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    private static Map<String, Object> eventType(Object bookingField) {
        return Map.of(
                "title",
                "Technical Screen",
                "slug",
                "tech-screen",
                "lengthInMinutes",
                60,
                "bookingFields",
                List.of(Map.of("type", "name", "label", "Your name", "placeholder", "Jane"), bookingField));
    }

    @Test
    void aBookingFieldWithoutItsLabelIsRefusedByPath() {
        String text = refused(eventType(
                Map.of("type", "text", "slug", "company", "required", true, "placeholder", "Acme", "hidden", false)));
        assertTrue(text.contains("- bookingFields.1: required property 'label' not found"), text);
        assertFalse(text.contains("constant value"), "only the text variant's problem, not all 19: " + text);
    }

    @Test
    void aBookingFieldOfAnUnknownTypeIsRefusedByPath() {
        String text = refused(eventType(Map.of(
                "type", "hologram", "slug", "x", "label", "X", "required", true, "placeholder", "x", "hidden", false)));
        assertTrue(
                text.contains("- bookingFields.1: matches none of its 19 kinds: type \"hologram\" is not one of name,"
                        + " email, phone, address, text"),
                text);
        assertEquals(1, text.split("\n- ", -1).length - 1, "one line for the one problem: " + text);
    }

    @Test
    void aValidOneIsSent() {
        CallToolResult result = server.call(
                "create_a_calcom_event_type",
                eventType(Map.of(
                        "type",
                        "text",
                        "slug",
                        "company",
                        "label",
                        "Company",
                        "required",
                        true,
                        "placeholder",
                        "Acme",
                        "hidden",
                        false)));
        assertFalse(Boolean.TRUE.equals(result.isError()), Results.text(result));
        assertEquals(1, upstream.requests().size());
    }

    private String refused(Map<String, Object> arguments) {
        CallToolResult result = server.call("create_a_calcom_event_type", arguments);
        assertTrue(Boolean.TRUE.equals(result.isError()), Results.text(result));
        assertEquals("invalid_arguments", Results.at(result, "error", "type"));
        assertEquals(List.of(), upstream.requests(), "nothing was sent");
        return Results.text(result);
    }
}
