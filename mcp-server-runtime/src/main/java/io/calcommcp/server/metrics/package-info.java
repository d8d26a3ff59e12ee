/** Prometheus metrics: what the engine and the HTTP side observe, scraped at {@code /metrics}. */
package io.calcommcp.server.metrics;
