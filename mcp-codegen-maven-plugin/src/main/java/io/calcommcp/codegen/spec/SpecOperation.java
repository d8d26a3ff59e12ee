package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.Location;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of the spec, with what rules match on.
 *
 * @param operationId the spec's operationId, or {@code METHOD path} when it has none (or one an
 *     earlier operation has)
 * @param method the HTTP method, upper case
 * @param path the path template
 * @param specTags the spec's tags of the operation
 * @param operation the parsed operation
 * @param parameters the parameters a tool can send: the operation's and those of its path item
 *     that it does not redefine, which apply to it too; {@code $ref}s resolved, and those with a
 *     problem left out
 * @param requestBody the request body, {@code $ref} resolved, if it has one
 * @param problems what in the operation's definition a tool cannot send as written, in document
 *     order
 */
public record SpecOperation(
        String operationId,
        String method,
        String path,
        List<String> specTags,
        Operation operation,
        List<Parameter> parameters,
        Optional<RequestBody> requestBody,
        List<OperationProblem> problems) {

    public SpecOperation {
        specTags = List.copyOf(specTags);
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(requestBody, "requestBody");
        problems = List.copyOf(problems);
    }

    /** The operation's place in the spec {@code specName}: {@code openapi.json#/paths/~1v2~1bookings/post}. */
    public Location location(String specName) {
        return Location.pointer(specName, pointer());
    }

    /** The JSON pointer of the operation: {@code /paths/~1v2~1bookings/post}. */
    public String pointer() {
        return Location.operationPointer(path, method);
    }
}
