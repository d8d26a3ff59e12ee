package io.calcommcp.server.tools;

import java.util.Objects;

/**
 * Where one flat tool argument goes in the HTTP request.
 *
 * @param name the argument's name in the tool's input schema
 * @param location the part of the request it goes into
 * @param wireName the parameter or body property name Cal.com expects
 * @param kind what its value means, for checks made before the request is sent
 * @param required whether the request cannot be sent without it
 * @param explode for query arrays: repeat the parameter per item ({@code true}) or join the items with commas
 */
public record RouteArgument(String name, ArgumentLocation location, String wireName, ValueKind kind, boolean required, boolean explode) {

    public RouteArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(wireName, "wireName");
        Objects.requireNonNull(kind, "kind");
    }
}
