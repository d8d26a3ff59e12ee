package io.calcommcp.codegen.model;

import io.swagger.v3.oas.models.Operation;
import java.util.List;

/**
 * One operation of the spec, with what rules match on.
 *
 * @param operationId the spec's operationId, or {@code METHOD path} when it has none
 * @param method the HTTP method, upper case
 * @param path the path template
 * @param specTags the spec's tags of the operation
 * @param operation the parsed operation
 */
public record OperationRef(String operationId, String method, String path, List<String> specTags, Operation operation) {

    public OperationRef {
        specTags = List.copyOf(specTags);
    }

    /** Where the operation is in the spec, for messages: {@code paths./v2/bookings.post}. */
    public String specLocation() {
        return "paths." + path + "." + method.toLowerCase(java.util.Locale.ROOT);
    }
}
