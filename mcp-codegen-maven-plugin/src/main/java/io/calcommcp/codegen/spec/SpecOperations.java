package io.calcommcp.codegen.spec;

import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists a spec's operations in a stable order, each with the parameters and body a tool can send
 * and the problems of its definition ({@link OperationParameters} checks the parameters).
 */
public final class SpecOperations {

    private static final List<PathItem.HttpMethod> METHOD_ORDER = List.of(
            PathItem.HttpMethod.GET,
            PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH,
            PathItem.HttpMethod.DELETE,
            PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS);

    private static final String BODY_PREFIX = "#/components/requestBodies/";

    private SpecOperations() {}

    /**
     * Every operation of the spec, sorted by path, then by method. An operationId that an earlier
     * operation already has is reported to {@code diagnostics}, and the later operation is known by
     * its method and path instead.
     */
    public static List<SpecOperation> of(LoadedSpec spec, Diagnostics diagnostics) {
        OpenAPI api = spec.openApi();
        List<SpecOperation> out = new ArrayList<>();
        Map<String, String> pointerById = new HashMap<>();
        new TreeMap<>(api.getPaths()).forEach((path, item) -> {
            if (item == null) {
                return;
            }
            Map<PathItem.HttpMethod, Operation> byMethod = item.readOperationsMap();
            for (PathItem.HttpMethod method : METHOD_ORDER) {
                Operation operation = byMethod.get(method);
                if (operation == null) {
                    continue;
                }
                String verb = method.name();
                String pointer = Location.operationPointer(path, verb);
                String id = operationId(operation, verb, path, pointer, pointerById, spec.displayName(), diagnostics);
                List<String> tags = operation.getTags() == null
                        ? List.of()
                        : operation.getTags().stream()
                                .filter(t -> t != null && !t.isBlank())
                                .toList();
                OperationParameters parameters = OperationParameters.of(api, path, verb, operation, item, spec);
                List<OperationProblem> problems = new ArrayList<>(parameters.problems());
                Optional<RequestBody> body = body(api, operation, pointer, problems);
                for (MalformedPart part : spec.malformedInPaths()) {
                    if (part.isWithin(pointer + "/requestBody")) {
                        problems.add(new OperationProblem(
                                part.pointer(),
                                "the request body's " + part.message(),
                                part.fix(),
                                OperationProblem.Impact.OPERATION_LEFT_OUT));
                    }
                }
                out.add(new SpecOperation(id, verb, path, tags, operation, parameters.usable(), body, problems));
            }
        });
        return out;
    }

    private static String operationId(
            Operation operation,
            String verb,
            String path,
            String pointer,
            Map<String, String> pointerById,
            String specName,
            Diagnostics diagnostics) {
        String given = operation.getOperationId();
        String conventional = verb + " " + path;
        if (given == null || given.isBlank()) {
            return conventional;
        }
        String earlier = pointerById.putIfAbsent(given, pointer);
        if (earlier == null) {
            return given;
        }
        diagnostics.warning(
                Location.pointer(specName, pointer + "/operationId"),
                "operationId " + given + " is also the operationId of " + earlier + "; this operation is known as '"
                        + conventional + "' instead",
                "give every operation its own operationId");
        return conventional;
    }

    /** The request body, following {@code $ref}s to {@code components.requestBodies}. */
    private static Optional<RequestBody> body(
            OpenAPI api, Operation operation, String pointer, List<OperationProblem> problems) {
        RequestBody body = operation.getRequestBody();
        List<String> followed = new ArrayList<>();
        while (body != null && body.get$ref() != null) {
            String ref = body.get$ref();
            Map<String, RequestBody> components =
                    api.getComponents() == null ? null : api.getComponents().getRequestBodies();
            RequestBody target = ref.startsWith(BODY_PREFIX) && components != null
                    ? components.get(ref.substring(BODY_PREFIX.length()))
                    : null;
            if (target == null || followed.contains(ref)) {
                problems.add(new OperationProblem(
                        pointer + "/requestBody",
                        "the request body's $ref " + ref
                                + " does not lead to a request body in components.requestBodies",
                        "point it at #/components/requestBodies/<name>, or write the body out",
                        OperationProblem.Impact.OPERATION_LEFT_OUT));
                return Optional.empty();
            }
            followed.add(ref);
            body = target;
        }
        return Optional.ofNullable(body);
    }
}
