package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One flat tool argument and where it goes.
 *
 * @param name the argument name the model uses
 * @param location the part of the request it goes into
 * @param wireName the name the API expects there
 * @param kind what the value means (timestamps are checked for an offset)
 * @param required whether the tool cannot be called without it
 * @param explode for query arrays, whether each item is sent as its own parameter
 * @param schema the argument's JSON Schema
 */
public record ArgumentDescriptor(
        String name,
        ArgumentLocation location,
        String wireName,
        ValueKind kind,
        boolean required,
        boolean explode,
        ObjectNode schema) {}
