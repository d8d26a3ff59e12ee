package io.calcommcp.codegen.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Derives a tool's resource and verb from its path and HTTP method, and builds the name in the
 * reference convention:
 *
 * <pre>
 * list_all_&lt;vendor&gt;_&lt;resources&gt;         GET    /bookings
 * get_single_&lt;vendor&gt;_&lt;resource&gt;_by_id   GET    /bookings/{uid}
 * create_a_&lt;vendor&gt;_&lt;resource&gt;           POST   /bookings
 * update_a_&lt;vendor&gt;_&lt;resource&gt;_by_id     PATCH  /schedules/{id}
 * delete_a_&lt;vendor&gt;_&lt;resource&gt;_by_id     DELETE /schedules/{id}
 * &lt;verb&gt;_&lt;vendor&gt;_&lt;resource&gt;_by_id       POST   /bookings/{uid}/cancel
 * </pre>
 *
 * Nested collections name their parents: {@code /teams/{teamId}/event-types} lists
 * {@code team_event_types}. A final path segment after an id that is not a plural noun is an
 * action ({@code cancel}, {@code mark-absent}). Rules override anything this gets wrong.
 */
public final class ToolNamer {

    /** The longest name MCP clients accept. */
    public static final int MAX_NAME_LENGTH = 64;

    public static final Pattern VALID_NAME = Pattern.compile("^[a-z0-9_]{1,64}$");

    /**
     * What the path and method say about an operation.
     *
     * @param resource singular snake_case resource, such as {@code team_event_type}
     * @param collection the resource's plural as the path spells it, such as {@code team_event_types}
     * @param verb list, get, create, update, delete, or a custom verb
     * @param byId whether the path addresses one item by id
     */
    public record Derived(String resource, String collection, String verb, boolean byId) {}

    private ToolNamer() {}

    public static Derived derive(String method, String path, String pathPrefix) {
        String trimmed =
                !pathPrefix.isEmpty() && path.startsWith(pathPrefix) ? path.substring(pathPrefix.length()) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        boolean endsWithParam = !segments.isEmpty() && isParam(segments.get(segments.size() - 1));
        List<String> literals = new ArrayList<>();
        boolean lastLiteralFollowsParam = false;
        for (int i = 0; i < segments.size(); i++) {
            if (!isParam(segments.get(i))) {
                literals.add(snake(segments.get(i)));
                lastLiteralFollowsParam = i > 0 && isParam(segments.get(i - 1));
            }
        }
        if (literals.isEmpty()) {
            literals.add("root");
        }
        String last = literals.get(literals.size() - 1);
        String verb = defaultVerb(method, endsWithParam);
        boolean byId = endsWithParam;
        boolean action = !endsWithParam && lastLiteralFollowsParam && !isPlural(last) && literals.size() > 1;
        if (action) {
            verb = last;
            literals.remove(literals.size() - 1);
            byId = true;
            last = literals.get(literals.size() - 1);
        } else if (method.equals("GET") && !endsWithParam && !isPlural(last)) {
            // A singleton such as /me or /schedules/default.
            verb = "get";
        } else if (endsWithParam
                && !method.equals("GET")
                && !method.equals("PATCH")
                && !method.equals("PUT")
                && !method.equals("DELETE")) {
            verb = method.toLowerCase(Locale.ROOT);
        }
        List<String> singular = new ArrayList<>();
        for (String literal : literals) {
            singular.add(singularize(literal));
        }
        String resource = String.join("_", singular);
        List<String> parents = singular.subList(0, singular.size() - 1);
        String collection = parents.isEmpty() ? last : String.join("_", parents) + "_" + last;
        if (!isPlural(last)) {
            collection = pluralize(resource);
        }
        return new Derived(resource, collection, verb, byId);
    }

    /**
     * {@code name} if it is at most 64 characters; else its first 55 and 8 hex digits of its
     * SHA-256, so that two long names that share a beginning still differ, the same way every run.
     */
    public static String fit(String name) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        String head = name.substring(0, MAX_NAME_LENGTH - 9).replaceAll("_+$", "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return head + "_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The tool name for a derived (or rule-overridden) resource and verb. */
    public static String name(String vendor, String verb, String resource, String collection, boolean byId) {
        String suffix = byId ? "_by_id" : "";
        return switch (verb) {
            case "list" -> "list_all_" + vendor + "_" + collection;
            case "get" -> "get_single_" + vendor + "_" + resource + suffix;
            case "create" -> "create_a_" + vendor + "_" + resource;
            case "update" -> "update_a_" + vendor + "_" + resource + suffix;
            case "delete" -> "delete_a_" + vendor + "_" + resource + suffix;
            default -> verb + "_" + vendor + "_" + resource + suffix;
        };
    }

    private static String defaultVerb(String method, boolean endsWithParam) {
        return switch (method) {
            case "GET" -> endsWithParam ? "get" : "list";
            case "POST" -> "create";
            case "PUT", "PATCH" -> "update";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    static boolean isPlural(String word) {
        return word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is");
    }

    /** {@code event_types} -> {@code event_type}, {@code memberships} -> {@code membership}. */
    public static String singularize(String word) {
        if (word.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")) {
            return word.substring(0, word.length() - 2);
        }
        return isPlural(word) ? word.substring(0, word.length() - 1) : word;
    }

    /** {@code event_type} -> {@code event_types}, {@code entry} -> {@code entries}. */
    public static String pluralize(String word) {
        if (word.endsWith("y") && word.length() > 1 && "aeiou".indexOf(word.charAt(word.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.endsWith("s") || word.endsWith("x") || word.endsWith("ch") || word.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }

    /** {@code event-types} and {@code eventTypes} -> {@code event_types}. */
    public static String snake(String text) {
        return text.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("^_+|_+$", "")
                .toLowerCase(Locale.ROOT);
    }
}
