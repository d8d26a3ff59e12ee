package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.ValueKind;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One flat tool argument and where it goes.
 *
 * @param name the argument name the model uses
 * @param location the part of the request it goes into
 * @param wireName the name the API expects there
 * @param kind what the value means (timestamps are checked for an offset)
 * @param required whether the tool cannot be called without it
 * @param explode for query arrays, whether each item is sent as its own parameter
 * @param nestedKinds the kinds of strings inside the value, by pointer ({@code /start}, {@code
 *     /*}{@code /start} for every item of an array); decided here once, checked by the server
 * @param schema the argument's JSON Schema
 */
public record ArgumentDescriptor(
        String name,
        ArgumentLocation location,
        String wireName,
        ValueKind kind,
        boolean required,
        boolean explode,
        SortedMap<String, ValueKind> nestedKinds,
        ObjectNode schema) {

    public ArgumentDescriptor {
        nestedKinds = Collections.unmodifiableSortedMap(new TreeMap<>(nestedKinds));
    }
}
