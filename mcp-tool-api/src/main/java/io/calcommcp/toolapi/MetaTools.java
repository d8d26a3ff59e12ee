package io.calcommcp.toolapi;

/**
 * The names of the server's own tools, which it serves beside (or, in discovery mode, instead of)
 * the API's: they carry the API's tool word like every generated tool, so {@code calcom} gives
 * {@code search_calcom_tools}, {@code get_calcom_tool_schema} and {@code call_calcom_tool}.
 */
public final class MetaTools {

    private MetaTools() {}

    /** Searches the tools by words. */
    public static String search(String toolWord) {
        return "search_" + toolWord + "_tools";
    }

    /** Gives tools' full input schemas. */
    public static String schema(String toolWord) {
        return "get_" + toolWord + "_tool_schema";
    }

    /** Calls a tool by name. */
    public static String call(String toolWord) {
        return "call_" + toolWord + "_tool";
    }
}
