package io.calcommcp.toolapi;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where one tool argument goes in the HTTP request, and what its value must look like. Built with
 * the named factories, so that generated routes read as sentences:
 *
 * <pre>{@code
 * path("bookingUid")
 * query("afterStart", TIMESTAMP)
 * query("status").commaJoined()
 * body("start", TIMESTAMP, REQUIRED)
 * body("body_id").wireName("id")
 * body("booking").nested("/start", TIMESTAMP)
 * }</pre>
 *
 * @param name the argument's name in the tool's input schema
 * @param location the part of the request it goes into
 * @param wireName the name the API expects there; the argument's name unless it had to differ
 * @param kind what a string value must look like
 * @param required whether the request cannot be sent without it
 * @param explode for query arrays: one parameter per item ({@code true}) or one comma-joined value
 * @param nestedKinds what strings inside the value must look like, by a pointer into the value:
 *     {@code /start} is the property {@code start}, {@code /*} any item of an array, so {@code
 *     /*}{@code /start} is the {@code start} of every item; sorted by pointer
 */
public record RouteArgument(
        String name,
        ArgumentLocation location,
        String wireName,
        ValueKind kind,
        boolean required,
        boolean explode,
        SortedMap<String, ValueKind> nestedKinds) {

    /** The pointer segment that stands for every item of an array. */
    public static final String ANY_ITEM = "*";

    public RouteArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(wireName, "wireName");
        Objects.requireNonNull(kind, "kind");
        nestedKinds = Collections.unmodifiableSortedMap(new TreeMap<>(nestedKinds));
        for (String pointer : nestedKinds.keySet()) {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException(
                        "argument " + name + ": nested pointer '" + pointer + "' must start with /");
            }
        }
    }

    /** A path segment; path arguments are always required. */
    public static RouteArgument path(String name) {
        return of(ArgumentLocation.PATH, name, ValueKind.PLAIN, Requirement.REQUIRED);
    }

    /** A path segment holding a value of {@code kind}. */
    public static RouteArgument path(String name, ValueKind kind) {
        return of(ArgumentLocation.PATH, name, kind, Requirement.REQUIRED);
    }

    /** An optional query parameter. */
    public static RouteArgument query(String name) {
        return of(ArgumentLocation.QUERY, name, ValueKind.PLAIN, Requirement.OPTIONAL);
    }

    public static RouteArgument query(String name, ValueKind kind) {
        return of(ArgumentLocation.QUERY, name, kind, Requirement.OPTIONAL);
    }

    public static RouteArgument query(String name, Requirement requirement) {
        return of(ArgumentLocation.QUERY, name, ValueKind.PLAIN, requirement);
    }

    public static RouteArgument query(String name, ValueKind kind, Requirement requirement) {
        return of(ArgumentLocation.QUERY, name, kind, requirement);
    }

    /** An optional request header. */
    public static RouteArgument header(String name) {
        return of(ArgumentLocation.HEADER, name, ValueKind.PLAIN, Requirement.OPTIONAL);
    }

    public static RouteArgument header(String name, ValueKind kind) {
        return of(ArgumentLocation.HEADER, name, kind, Requirement.OPTIONAL);
    }

    public static RouteArgument header(String name, Requirement requirement) {
        return of(ArgumentLocation.HEADER, name, ValueKind.PLAIN, requirement);
    }

    public static RouteArgument header(String name, ValueKind kind, Requirement requirement) {
        return of(ArgumentLocation.HEADER, name, kind, requirement);
    }

    /** An optional property of the JSON body. */
    public static RouteArgument body(String name) {
        return of(ArgumentLocation.BODY_PROPERTY, name, ValueKind.PLAIN, Requirement.OPTIONAL);
    }

    public static RouteArgument body(String name, ValueKind kind) {
        return of(ArgumentLocation.BODY_PROPERTY, name, kind, Requirement.OPTIONAL);
    }

    public static RouteArgument body(String name, Requirement requirement) {
        return of(ArgumentLocation.BODY_PROPERTY, name, ValueKind.PLAIN, requirement);
    }

    public static RouteArgument body(String name, ValueKind kind, Requirement requirement) {
        return of(ArgumentLocation.BODY_PROPERTY, name, kind, requirement);
    }

    /** The entire request body, optional. */
    public static RouteArgument wholeBody(String name) {
        return of(ArgumentLocation.WHOLE_BODY, name, ValueKind.PLAIN, Requirement.OPTIONAL);
    }

    public static RouteArgument wholeBody(String name, Requirement requirement) {
        return of(ArgumentLocation.WHOLE_BODY, name, ValueKind.PLAIN, requirement);
    }

    private static RouteArgument of(ArgumentLocation location, String name, ValueKind kind, Requirement requirement) {
        return new RouteArgument(
                name, location, name, kind, requirement == Requirement.REQUIRED, true, new TreeMap<>());
    }

    /** This argument, sent under another name than the model uses (a name that clashed). */
    public RouteArgument wireName(String apiName) {
        return new RouteArgument(name, location, apiName, kind, required, explode, nestedKinds);
    }

    /** This query array, sent as one comma-joined value instead of one parameter per item. */
    public RouteArgument commaJoined() {
        return new RouteArgument(name, location, wireName, kind, required, false, nestedKinds);
    }

    /** This argument, with strings at {@code pointer} inside its value checked as {@code nestedKind}. */
    public RouteArgument nested(String pointer, ValueKind nestedKind) {
        SortedMap<String, ValueKind> kinds = new TreeMap<>(nestedKinds);
        kinds.put(pointer, nestedKind);
        return new RouteArgument(name, location, wireName, kind, required, explode, kinds);
    }
}
