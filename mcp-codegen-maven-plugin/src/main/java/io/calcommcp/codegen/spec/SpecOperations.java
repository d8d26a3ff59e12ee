package io.calcommcp.codegen.spec;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lists a spec's operations in a stable order. */
public final class SpecOperations {

    private static final List<PathItem.HttpMethod> METHOD_ORDER = List.of(
            PathItem.HttpMethod.GET,
            PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH,
            PathItem.HttpMethod.DELETE,
            PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS);

    private SpecOperations() {}

    /** Every operation of the spec, sorted by path, then by method. */
    public static List<SpecOperation> of(OpenAPI api) {
        List<SpecOperation> out = new ArrayList<>();
        new TreeMap<>(api.getPaths()).forEach((path, item) -> {
            Map<PathItem.HttpMethod, Operation> byMethod = item.readOperationsMap();
            for (PathItem.HttpMethod method : METHOD_ORDER) {
                Operation operation = byMethod.get(method);
                if (operation == null) {
                    continue;
                }
                String verb = method.name();
                String id = operation.getOperationId() != null ? operation.getOperationId() : verb + " " + path;
                List<String> tags = operation.getTags() == null ? List.of() : operation.getTags();
                out.add(new SpecOperation(id, verb, path, tags, operation, parameters(operation, item)));
            }
        });
        return out;
    }

    /** The operation's parameters, then the path item's that it does not redefine: they apply too. */
    private static List<Parameter> parameters(Operation operation, PathItem item) {
        List<Parameter> merged =
                new ArrayList<>(operation.getParameters() == null ? List.of() : operation.getParameters());
        if (item.getParameters() == null) {
            return merged;
        }
        for (Parameter shared : item.getParameters()) {
            boolean redefined = merged.stream()
                    .anyMatch(p -> p.getName() != null
                            && p.getName().equals(shared.getName())
                            && String.valueOf(p.getIn()).equals(String.valueOf(shared.getIn())));
            if (!redefined) {
                merged.add(shared);
            }
        }
        return merged;
    }
}
