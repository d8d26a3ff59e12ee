package io.calcommcp.server.engine;

/**
 * Hears what happens to calls and requests, for metrics. Every method is called on the request's
 * thread and must return at once; names and reasons only, never an argument value or a secret.
 */
public interface CallObserver {

    /** Hears nothing. */
    CallObserver NONE = new CallObserver() {};

    /** A tool call ended with {@code outcome}. */
    default void toolCall(String tool, Outcome outcome) {}

    /** The API answered a call to {@code tool} with {@code status} after {@code nanos}. */
    default void upstreamAnswer(String tool, int status, long nanos) {}

    /** No answer came from the API for a call to {@code tool} within {@code nanos}. */
    default void upstreamUnavailable(String tool, long nanos) {}

    /** A request or call was refused before anything was sent, for {@code reason}. */
    default void refused(String reason) {}

    /** An MCP request started being handled. */
    default void requestStarted() {}

    /** An MCP request was answered. */
    default void requestEnded() {}
}
