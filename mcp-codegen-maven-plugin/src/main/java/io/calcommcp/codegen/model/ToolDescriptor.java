package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ToolHints;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything generated for one tool: what the model sees and the request it sends.
 *
 * @param name the tool name
 * @param title the tool title
 * @param description the tool description
 * @param operationId the operation the tool calls
 * @param specTag the operation's first spec tag, for summaries
 * @param method the HTTP method
 * @param path the path template
 * @param verb list, get, create, update, delete or a custom verb such as cancel
 * @param access read or write
 * @param tags the resource tags used for per-URL filtering
 * @param hints the MCP annotations
 * @param constantHeaders headers with a fixed value, such as the operation's API version
 * @param arguments the flat arguments the model sees, in schema order
 * @param inputSchema the JSON Schema of the arguments
 * @param paging how the tool pages, if it does
 * @param advertised what {@code tools/list} shows: a shorter description, the compact schema and
 *     what they cost in tokens
 * @param sendsForm whether the body properties go as a form rather than a JSON object
 */
public record ToolDescriptor(
        String name,
        String title,
        String description,
        String operationId,
        String specTag,
        String method,
        String path,
        String verb,
        Access access,
        List<String> tags,
        ToolHints hints,
        SortedMap<String, String> constantHeaders,
        List<ArgumentDescriptor> arguments,
        ObjectNode inputSchema,
        Optional<PagingDescriptor> paging,
        Advertised advertised,
        boolean sendsForm) {

    /**
     * The tool as {@code tools/list} shows it.
     *
     * @param description the shorter description
     * @param inputSchema the compact schema, which never rejects what the full one accepts
     * @param tokens the o200k tokens of the advertised tool
     */
    public record Advertised(String description, ObjectNode inputSchema, int tokens) {}

    public ToolDescriptor {
        tags = List.copyOf(tags);
        constantHeaders = new TreeMap<>(constantHeaders);
        arguments = List.copyOf(arguments);
    }
}
