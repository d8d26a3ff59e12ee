package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.Location;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;

/**
 * One operation of the spec, with what rules match on.
 *
 * @param operationId the spec's operationId, or {@code METHOD path} when it has none
 * @param method the HTTP method, upper case
 * @param path the path template
 * @param specTags the spec's tags of the operation
 * @param operation the parsed operation
 * @param parameters the operation's parameters and those of its path item that it does not
 *     redefine, which apply to it too ({@code $ref}s not yet resolved)
 */
public record SpecOperation(
        String operationId,
        String method,
        String path,
        List<String> specTags,
        Operation operation,
        List<Parameter> parameters) {

    public SpecOperation {
        specTags = List.copyOf(specTags);
        parameters = List.copyOf(parameters);
    }

    /** The operation's place in the spec {@code specName}: {@code openapi.json#/paths/~1v2~1bookings/post}. */
    public Location location(String specName) {
        return Location.pointer(specName, Location.operationPointer(path, method));
    }
}
