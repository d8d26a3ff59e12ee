package io.calcommcp.codegen.model;

import io.calcommcp.toolapi.Paging;
import java.util.Objects;

/**
 * How one tool pages: the paging its route carries, and the API's two paging parameters, which the
 * route keeps (the server fills them in) while the model sees {@code limit} and {@code
 * next_cursor} instead.
 *
 * @param paging the route's paging
 * @param limitParameter the API's page-size parameter
 * @param offsetParameter the API's parameter for records to skip
 */
public record PagingDescriptor(Paging paging, ArgumentDescriptor limitParameter, ArgumentDescriptor offsetParameter) {

    public PagingDescriptor {
        Objects.requireNonNull(paging, "paging");
        Objects.requireNonNull(limitParameter, "limitParameter");
        Objects.requireNonNull(offsetParameter, "offsetParameter");
    }
}
