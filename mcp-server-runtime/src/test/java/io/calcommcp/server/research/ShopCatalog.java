package io.calcommcp.server.research;

import static io.calcommcp.toolapi.Hint.IDEMPOTENT;
import static io.calcommcp.toolapi.Hint.OPEN_WORLD;
import static io.calcommcp.toolapi.Hint.READ_ONLY;
import static io.calcommcp.toolapi.RouteArgument.body;
import static io.calcommcp.toolapi.RouteArgument.path;
import static io.calcommcp.toolapi.RouteArgument.query;

import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.Hint;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.Requirement;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.SearchSource;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;

/**
 * The tools of the fake shop, written as the generator would write them, and a profile whose search
 * section finds orders (which the API sorts, asked with {@code sort=desc}) and customers (which it
 * does not: they are sorted here by {@code since}).
 */
final class ShopCatalog implements ToolCatalog {

    static final String LIST_ORDERS = "list_all_shop_orders";
    static final String GET_ORDER = "get_single_shop_order_by_id";
    static final String LIST_CUSTOMERS = "list_all_shop_customers";
    static final String GET_CUSTOMER = "get_single_shop_customer_by_id";
    static final String CREATE_ORDER = "create_a_shop_order";

    static final SearchSource ORDERS = SearchSource.builder("order")
            .label("orders")
            .list(LIST_ORDERS)
            .listArgument("sort", "desc")
            .records("/items")
            .get(GET_ORDER)
            .getArgument("orderId")
            .record("/order")
            .id("/id")
            .title("/summary")
            .text("/summary", "/customer/name", "/customer/email", "/lines/*/product", "/status")
            .metadata("placed", "/placedAt")
            .metadata("status", "/status")
            .metadata("products", "/lines/*/product")
            .url("https://shop.example.com/orders/{id}")
            .build();

    static final SearchSource CUSTOMERS = SearchSource.builder("customer")
            .label("customers")
            .list(LIST_CUSTOMERS)
            .records("/items")
            .get(GET_CUSTOMER)
            .getArgument("customerId")
            .record("/customer")
            .id("/id")
            .title("/name")
            .text("/name", "/email")
            .metadata("since", "/since")
            .newestFirst("/since")
            .url("https://shop.example.com/customers/{id}")
            .build();

    private final VendorProfile profile;
    private final List<ToolDefinition> tools;

    /** Every shop tool, with {@code search} in the profile. */
    ShopCatalog(SearchProfile search) {
        this(search, List.of(createOrder(), getCustomer(), getOrder(), listCustomers(), listOrders()));
    }

    /** Only {@code tools}, with {@code search} in the profile. */
    ShopCatalog(SearchProfile search, List<ToolDefinition> tools) {
        this.profile = profile(search);
        this.tools = List.copyOf(tools);
    }

    /** The shop's profile with {@code search}, and 401s, 429s and 5xx read as the shop writes them. */
    static VendorProfile profile(SearchProfile search) {
        return VendorProfile.builder("Shop")
                .toolWord("shop")
                .serverName("shop-mcp")
                .environmentPrefix("SHOP")
                .defaultBaseUrl("https://shop.example.com/api")
                .credential(CredentialScheme.bearer())
                .errorMessages("/error/message")
                .errorCodes("/error/code")
                .rateLimitHeaders("x-ratelimit-")
                .records("/items")
                .search(search)
                .build();
    }

    /** Orders and customers, at most 20 results. */
    static SearchProfile search() {
        return SearchProfile.builder().source(ORDERS).source(CUSTOMERS).build();
    }

    @Override
    public VendorProfile profile() {
        return profile;
    }

    @Override
    public List<ToolDefinition> tools() {
        return tools;
    }

    static ToolDefinition listOrders() {
        return read(LIST_ORDERS, "list", "orders")
                .inputSchema("""
                        {"type": "object", "properties": {
                          "sort": {"type": "string", "enum": ["asc", "desc"]},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50},
                          "next_cursor": {"type": "string", "minLength": 1}},
                         "additionalProperties": false}""")
                .route(Route.get("/orders")
                        .arguments(query("sort"), query("take"), query("skip"))
                        .paging(Paging.offset("take", "skip")
                                .records("/items")
                                .hasMore("/meta/more")
                                .limits(50, 100)))
                .build();
    }

    static ToolDefinition getOrder() {
        return read(GET_ORDER, "get", "orders")
                .inputSchema("""
                        {"type": "object", "properties": {"orderId": {"type": "string"}},
                         "required": ["orderId"], "additionalProperties": false}""")
                .route(Route.get("/orders/{orderId}").arguments(path("orderId")))
                .build();
    }

    static ToolDefinition listCustomers() {
        return read(LIST_CUSTOMERS, "list", "customers")
                .inputSchema("{\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false}")
                .route(Route.get("/customers"))
                .build();
    }

    /** Its id is a number: fetch's id, a string, is turned into one as a direct call's would be. */
    static ToolDefinition getCustomer() {
        return read(GET_CUSTOMER, "get", "customers")
                .inputSchema("""
                        {"type": "object", "properties": {"customerId": {"type": "integer"}},
                         "required": ["customerId"], "additionalProperties": false}""")
                .route(Route.get("/customers/{customerId}").arguments(path("customerId")))
                .build();
    }

    static ToolDefinition createOrder() {
        return ToolDefinition.builder(CREATE_ORDER)
                .title("Place an order")
                .description("Places an order.")
                .operation("OrdersController_create")
                .verb("create")
                .access(Access.WRITE)
                .tags("orders")
                .hints(Hint.OPEN_WORLD)
                .inputSchema("""
                        {"type": "object", "properties": {"summary": {"type": "string"}},
                         "required": ["summary"], "additionalProperties": false}""")
                .route(Route.post("/orders").arguments(body("summary", Requirement.REQUIRED)))
                .build();
    }

    private static ToolDefinition.Builder read(String name, String verb, String tag) {
        return ToolDefinition.builder(name)
                .title(name.replace('_', ' '))
                .description("Reads the shop's " + tag + ".")
                .operation(name)
                .verb(verb)
                .access(Access.READ)
                .tags(tag)
                .hints(READ_ONLY, IDEMPOTENT, OPEN_WORLD);
    }
}
