/**
 * HTTP hosting on Jetty: {@link io.calcommcp.server.http.HttpHost} is one listener serving
 * handlers by path, with the limits a server on the internet needs (header size, body size, the
 * time a request has to arrive, connections in all and per client, request threads) and JSON for
 * every refusal ({@code JsonErrorHandler}). It knows no MCP: the composition root registers the
 * services, each one handler, such as {@link io.calcommcp.server.http.HealthHandler}.
 */
package io.calcommcp.server.http;
