/** One JSON object per log line, on stderr; only fields the caller chose, never request contents. */
package io.calcommcp.server.log;
