package io.calcommcp.server.engine;

/** What an HTTP status of the API means for the caller: its reason phrase and what to do next. */
final class HttpStatusText {

    private HttpStatusText() {}

    /**
     * What the caller should do after the API answered {@code status}.
     *
     * @param explained whether the answer said what was wrong (a message, or problems by field)
     */
    static String advice(int status, boolean explained) {
        return switch (status) {
            case 400, 422 ->
                explained
                        ? "Fix the arguments the message names and call again."
                        : "Check every argument against the tool's input schema (names, types, formats) and call"
                                + " again.";
            case 403 -> "The account behind the API key may not do this; retrying will not help.";
            case 404 -> "Check the id: list or search first to find an existing one.";
            case 409 -> "It conflicts with the current state; get the resource again and retry with current values.";
            case 429 -> "Too many requests: wait until the reset time before calling again; do not retry at once.";
            default ->
                status >= 500
                        ? "The API had a problem; try again in a little while."
                        : "Check the arguments and call again.";
        };
    }

    /** The reason phrase of {@code status}, or the empty string for an unusual one. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
